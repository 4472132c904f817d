"""What is kept from one document to the next (the gazetteer, folded names, the resolver's
candidates) follows the registry: a name edited in the registry between two documents of
one batch is recognised, and proposed as its record, in the next document read."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from envcoop.ingestion.models import Claim
from envcoop.ingestion.pipeline import ingest_bytes
from envcoop.registry.models import Label, LabelKind, Organisation
from envcoop.review.resolution.resolver import Resolver

pytestmark = pytest.mark.django_db

NAME = "Green Valley Environmental Trust"
TEXT = (
    "{day} March 2024 – Officials of the {name} met the ASEAN Secretariat in Jakarta to "
    "discuss mangrove restoration and marine debris. The meeting was held with partners "
    "from the region and the delegates agreed to share data on coastal monitoring."
)


def _organisations(outcome) -> list[Claim]:
    return list(
        Claim.objects.filter(document=outcome.document, kind="organisation", value__name=NAME)
    )


def test_a_name_edited_in_the_registry_is_recognised_in_the_next_document_of_a_batch():
    resolver = Resolver()  # one for the batch, as envcoop ingest keeps one
    before = ingest_bytes(TEXT.format(day=4, name=NAME).encode(), source="a.txt", resolver=resolver)
    assert before.status == "stored"
    assert not any(claim.value.get("key") for claim in _organisations(before))

    organisation = Organisation.objects.exclude(key="").order_by("pk").first()
    label = Label.objects.filter(
        content_type=ContentType.objects.get_for_model(Organisation),
        object_id=organisation.pk,
        kind=LabelKind.ALIAS,
    ).first() or Label.objects.create(
        content_type=ContentType.objects.get_for_model(Organisation),
        object_id=organisation.pk,
        kind=LabelKind.ALIAS,
        lang="en",
        text="placeholder alias",
    )
    ingest_bytes(TEXT.format(day=5, name="nothing new").encode(), source="b.txt", resolver=resolver)
    label.text = NAME  # an edit: as many labels as before, the same largest id
    label.save()

    after = ingest_bytes(TEXT.format(day=6, name=NAME).encode(), source="c.txt", resolver=resolver)
    claims = _organisations(after)
    assert claims and claims[0].value["key"] == organisation.key
    assert claims[0].match_id == organisation.pk
