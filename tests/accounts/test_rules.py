"""One rule decides: the object rules and the querysets say the same for every persona,
and a Thai focal point edits what Thailand takes part in and nothing else."""

from __future__ import annotations

import pytest

from envcoop.accounts.rules import may
from envcoop.accounts.scope import (
    claims_reviewable_by,
    documents_visible_to,
    editable_by,
)
from envcoop.ingestion.models import Claim, Document, Visibility
from envcoop.ingestion.pipeline import Filing, ingest_bytes
from envcoop.registry.models import Agreement, Event, Organisation, Project
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.projects import project_upsert
from tests.conftest import PERSONAS


def _document(name: str, filing: Filing) -> Document:
    text = f"{name}\n\nBANGKOK, 14 March 2024 - The 35th ASOEN was held in Bangkok, Thailand.\n"
    return ingest_bytes(text.encode(), source=f"{name}.txt", filing=filing).document


@pytest.fixture
def documents(db) -> dict[str, Document]:
    return {
        "public": _document("public", Filing(Visibility.PUBLIC)),
        "members": _document("members", Filing(Visibility.MEMBERS)),
        "thai": _document("thai", Filing(Visibility.COUNTRY, "TH")),
        "vietnamese": _document("vietnamese", Filing(Visibility.COUNTRY, "VN")),
        "shared": _document("shared", Filing(Visibility.MEMBERS, shared_with=("cn-caec",))),
    }


READS = {
    "anonymous": {"public"},
    "focal_th": {"public", "members", "thai", "shared"},
    "focal_vn": {"public", "members", "vietnamese", "shared"},
    "contributor_th": {"public", "members", "thai", "shared"},
    "partner": {"public", "shared"},
    "reviewer": {"public", "members", "thai", "vietnamese", "shared"},
    "administrator": {"public", "members", "thai", "vietnamese", "shared"},
}


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_who_reads_which_document(persona, personas, documents):
    user = personas[persona].user
    listed = set(documents_visible_to(user).values_list("pk", flat=True))
    expected = {documents[name].pk for name in READS[persona]}
    assert listed & {d.pk for d in documents.values()} == expected
    for document in documents.values():
        assert may(user, "view_document", document) == (document.pk in expected)
        page = personas[persona].get(f"/documents/{document.pk}/")
        assert page.status_code == (
            200 if document.pk in expected else 302 if user is None else 403
        )


def test_claims_follow_their_document(personas, documents):
    thai_claims = Claim.objects.filter(document=documents["thai"])
    assert thai_claims.exists()
    for persona in PERSONAS:
        user = personas[persona].user
        reviewable = set(claims_reviewable_by(user, thai_claims).values_list("pk", flat=True))
        for claim in thai_claims:
            assert may(user, "review_claim", claim) == (claim.pk in reviewable)
        assert bool(reviewable) == (persona in ("focal_th", "reviewer", "administrator"))


def _vietnamese_project() -> Project:
    project, _ = project_upsert(
        key="vn-mangrove-test",
        names=NameSet(names={"en": "Mangrove restoration in Ca Mau"}, original="en"),
        recipient_countries=["VN"],
    )
    return project


@pytest.mark.parametrize("model", [Event, Project, Agreement, Organisation])
def test_the_rule_and_the_queryset_agree_on_every_record(model, personas):
    for persona in PERSONAS:
        user = personas[persona].user
        editable = set(editable_by(user, model).values_list("pk", flat=True))
        for record in model.objects.all():
            assert may(user, "change_record", record) == (record.pk in editable), (persona, record)


def test_a_thai_focal_point_edits_thai_projects_only(personas):
    thai = Project.objects.get(key="blue-economy-trat")
    vietnamese = _vietnamese_project()
    focal_th, focal_vn = personas["focal_th"].user, personas["focal_vn"].user
    assert may(focal_th, "change_record", thai)
    assert not may(focal_th, "change_record", vietnamese)
    assert may(focal_vn, "change_record", vietnamese)
    assert not may(focal_vn, "change_record", thai)
    for persona in ("contributor_th", "partner", "anonymous"):
        assert not may(personas[persona].user, "change_record", thai)
    assert may(personas["reviewer"].user, "change_record", vietnamese)
