"""Merging two records that are the same thing, and undoing the merge: on real SQLite and
PostgreSQL, with the demo registry and documents read by the pipeline."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from envcoop.ingestion.models import Claim, ClaimStatus
from envcoop.registry.models import Agreement, Event, FormerKey, Label, Organisation
from envcoop.registry.services.events import event_upsert
from envcoop.registry.services.labels import NameSet
from envcoop.review.merging import merge_preview, merge_undo, record_merge
from envcoop.review.models import Evidence, Merge
from envcoop.review.services import claim_accept
from tests.conftest import grant
from tests.review import samples

pytestmark = pytest.mark.django_db


def _duplicate_of_amme17() -> Event:
    """The 17th AMME typed again under another key, in Thai, with a place and a participant
    the first one lacks, and evidence from a document."""
    duplicate, _ = event_upsert(
        key="kar-prachum-amme-17",
        names=NameSet(names={"th": "การประชุมรัฐมนตรีสิ่งแวดล้อมอาเซียน ครั้งที่ 17"}, original="th"),
        start="2023-08-22",
    )
    duplicate.place = "Vientiane"
    duplicate.save()
    duplicate.participant_organisations.add(Organisation.objects.get(key="th-mnre"))
    samples.ingest(
        "VIENTIANE, 25 August 2023 - The 17th ASEAN Ministerial Meeting on Environment was "
        "held in Vientiane, Lao PDR, on 22-24 August 2023.\n",
        "amme17-again.txt",
    )
    claim = Claim.objects.filter(kind="event", status=ClaimStatus.PENDING).first()
    claim_accept(claim=claim, target=duplicate)
    return duplicate


def _snapshot(record) -> dict:
    ct = ContentType.objects.get_for_model(record)
    record.refresh_from_db()
    return {
        # (times to the millisecond: Django's JSON serialiser keeps no more)
        "fields": {
            f.attname: getattr(record, f.attname).replace(
                microsecond=getattr(record, f.attname).microsecond // 1000 * 1000
            )
            if f.name == "created_at"
            else getattr(record, f.attname)
            for f in record._meta.concrete_fields
            if f.name != "updated_at"
        },
        "labels": sorted(
            Label.objects.filter(content_type=ct, object_id=record.pk).values_list(
                "kind", "lang", "text"
            )
        ),
        "m2m": {
            m.name: sorted(getattr(record, m.name).values_list("pk", flat=True))
            for m in record._meta.many_to_many
        },
        "evidence": Evidence.objects.filter(content_type=ct, object_id=record.pk).count(),
        "claims": Claim.objects.filter(record_type=ct, record_id=record.pk).count(),
        "outcomes": sorted(record.outcomes.values_list("pk", flat=True)),
    }


def test_merge_moves_names_links_evidence_claims_and_redirects(client):
    survivor = Event.objects.get(key="amme-17")
    duplicate = _duplicate_of_amme17()
    outcome = Agreement.objects.exclude(adopted_at=survivor).first()
    outcome.adopted_at = duplicate
    outcome.save()
    evidence = Evidence.objects.filter(
        object_id=duplicate.pk, content_type=ContentType.objects.get_for_model(Event)
    ).count()
    assert evidence > 0
    preview = merge_preview(source=duplicate, target=survivor)
    assert "การประชุมรัฐมนตรีสิ่งแวดล้อมอาเซียน ครั้งที่ 17" in preview.names_added
    assert Event.objects.filter(pk=duplicate.pk).exists(), "a preview changes nothing"
    result = record_merge(source=duplicate, target=survivor)
    assert result.names_added == preview.names_added
    assert not Event.objects.filter(pk=duplicate.pk).exists()
    survivor.refresh_from_db()
    assert survivor.names()["th"] == "การประชุมรัฐมนตรีสิ่งแวดล้อมอาเซียน ครั้งที่ 17" or any(
        label.text == "การประชุมรัฐมนตรีสิ่งแวดล้อมอาเซียน ครั้งที่ 17" for label in survivor.labels.all()
    )
    assert survivor.participant_organisations.filter(key="th-mnre").exists()
    assert Agreement.objects.get(pk=outcome.pk).adopted_at_id == survivor.pk
    ct = ContentType.objects.get_for_model(Event)
    assert Evidence.objects.filter(content_type=ct, object_id=duplicate.pk).count() == 0
    assert Claim.objects.filter(record_type=ct, record_id=duplicate.pk).count() == 0
    assert Claim.objects.filter(record_type=ct, record_id=survivor.pk).exists()
    assert FormerKey.objects.get(key="kar-prachum-amme-17").object_id == survivor.pk
    response = client.get("/events/kar-prachum-amme-17/")
    assert response.status_code == 301 and response["Location"] == "/events/amme-17/"


def test_undo_restores_both_records_as_they_were():
    survivor = Event.objects.get(key="amme-17")
    duplicate = _duplicate_of_amme17()
    before = (_snapshot(survivor), _snapshot(duplicate))
    record_merge(source=duplicate, target=survivor)
    restored = merge_undo(Merge.objects.get())
    assert restored.pk == duplicate.pk and restored.key == "kar-prachum-amme-17"
    after = (_snapshot(Event.objects.get(pk=survivor.pk)), _snapshot(restored))
    for was, now in zip(before, after, strict=True):
        for part in was:
            assert now[part] == was[part], part
    assert not FormerKey.objects.filter(key="kar-prachum-amme-17").exists()
    with pytest.raises(ValidationError, match="undone already"):
        merge_undo(Merge.objects.get())


def test_undo_after_a_later_change_refuses_and_changes_nothing():
    survivor = Event.objects.get(key="amme-17")
    duplicate = _duplicate_of_amme17()
    record_merge(source=duplicate, target=survivor)
    survivor.refresh_from_db()
    survivor.place = "Vientiane Capital"
    survivor.save()
    after = _snapshot(survivor)
    with pytest.raises(ValidationError, match="changed since"):
        merge_undo(Merge.objects.get())
    assert _snapshot(survivor) == after
    assert not Event.objects.filter(pk=duplicate.pk).exists()
    assert Merge.objects.get().undone_at is None


def test_merging_across_kinds_or_into_itself_is_refused():
    event = Event.objects.get(key="amme-17")
    with pytest.raises(ValidationError, match="same kind"):
        record_merge(source=Agreement.objects.first(), target=event)
    with pytest.raises(ValidationError, match="into itself"):
        record_merge(source=event, target=event)
    assert Merge.objects.count() == 0


def test_merging_organisations_moves_their_links_from_other_records():
    survivor = Organisation.objects.get(key="th-mnre")
    duplicate = (
        Organisation.objects.exclude(pk=survivor.pk).filter(events_hosted__isnull=False).first()
    )
    hosted = sorted(duplicate.events_hosted.values_list("pk", flat=True))
    assert hosted
    record_merge(source=duplicate, target=survivor)
    assert set(hosted) <= set(survivor.events_hosted.values_list("pk", flat=True))
    merge_undo(Merge.objects.get())
    assert (
        sorted(Organisation.objects.get(pk=duplicate.pk).events_hosted.values_list("pk", flat=True))
        == hosted
    )


def test_possible_duplicates_list_merge_and_not_the_same():
    from envcoop.review.duplicates import not_the_same, possible_duplicates

    survivor = Event.objects.get(key="amme-17")
    assert not [p for p in possible_duplicates("event") if survivor in (p.first, p.second)]
    # the same meeting typed again without its series (as a document named it)
    duplicate, _ = event_upsert(
        key="amme-17-again",
        names=NameSet(names={"en": "17th ASEAN Ministerial Meeting on Environment"}, original="en"),
        start="2023-08-22",
        end="2023-08-24",
        country="LA",
    )
    pairs = [
        p
        for p in possible_duplicates("event")
        if {p.first.pk, p.second.pk} == {survivor.pk, duplicate.pk}
    ]
    assert len(pairs) == 1 and pairs[0].score >= 0.7 and pairs[0].reasons
    not_the_same(duplicate, survivor)
    not_the_same(survivor, duplicate)  # (twice: remembered once)
    assert not [p for p in possible_duplicates("event") if duplicate in (p.first, p.second)]


def _pair() -> tuple[Event, Event]:
    survivor = Event.objects.get(key="amme-17")
    # the same meeting typed again without its series (as a document named it)
    duplicate, _ = event_upsert(
        key="amme-17-again",
        names=NameSet(names={"en": "17th ASEAN Ministerial Meeting on Environment"}, original="en"),
        start="2023-08-22",
        end="2023-08-24",
        country="LA",
    )
    return survivor, duplicate


def test_merge_pages_for_each_persona(client, member_client, staff_client):
    _survivor, duplicate = _pair()
    merge_url = "/records/events/amme-17-again/merge/"
    # anonymous and a signed-in member without review rights (a country's focal point until
    # roles exist): no page, no merge
    assert client.get(merge_url).status_code == 302
    assert client.post(merge_url, {"into": "amme-17", "confirm": "1"}).status_code == 302
    assert member_client.get(merge_url).status_code in (302, 403)
    assert member_client.post(merge_url, {"into": "amme-17", "confirm": "1"}).status_code in (
        302,
        403,
    )
    assert member_client.get("/review/duplicates/").status_code in (302, 403)
    assert Event.objects.filter(pk=duplicate.pk).exists()
    # a reviewer: the list, the preview (nothing changes), the merge, the undo
    page = staff_client.get("/review/duplicates/").content.decode()
    assert "amme-17-again" in page and "Not the same" in page
    preview = staff_client.get(merge_url + "?into=amme-17").content.decode()
    assert "What merging into amme-17 would do" in preview
    assert Event.objects.filter(pk=duplicate.pk).exists()
    response = staff_client.post(merge_url, {"into": "amme-17", "confirm": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == "/events/amme-17/"
    page = response.content.decode()
    assert "amme-17-again was merged into this record" in page
    assert not Event.objects.filter(pk=duplicate.pk).exists()
    assert staff_client.get("/events/amme-17-again/").status_code == 301
    done = Merge.objects.get()
    assert client.post(f"/records/merges/{done.pk}/undo/").status_code == 302
    assert member_client.post(f"/records/merges/{done.pk}/undo/").status_code in (302, 403)
    assert not Event.objects.filter(pk=duplicate.pk).exists()
    response = staff_client.post(f"/records/merges/{done.pk}/undo/", follow=True)
    assert response.redirect_chain[-1][0] == "/events/amme-17-again/"
    assert Event.objects.filter(pk=duplicate.pk).exists()
    # a key that names nothing, a record of another kind: a message, nothing merged
    page = staff_client.get(merge_url + "?into=no-such-record").content.decode()
    assert "No record has the key no-such-record" in page


def test_not_the_same_from_the_page(staff_client, member_client):
    _pair()
    url = "/review/duplicates/events/not-same/"
    assert member_client.post(url, {"first": "amme-17", "second": "amme-17-again"}).status_code in (
        302,
        403,
    )
    before = staff_client.get("/review/duplicates/").content.decode()
    assert "<code>amme-17-again</code>" in before
    staff_client.post(url, {"first": "amme-17", "second": "amme-17-again"})
    assert (
        "<code>amme-17-again</code>" not in staff_client.get("/review/duplicates/").content.decode()
    )


def test_merge_from_the_command_line():
    import io

    from django.core.management import CommandError, call_command

    _pair()
    out = io.StringIO()
    call_command("records", "duplicates", "--kind", "event", "--json", stdout=out)
    assert (
        '"second": "amme-17-again"' in out.getvalue()
        or '"first": "amme-17-again"' in out.getvalue()
    )
    out = io.StringIO()
    call_command("records", "merge", "event", "amme-17-again", "amme-17", "--dry-run", stdout=out)
    assert "would merge" in out.getvalue() and Event.objects.filter(key="amme-17-again").exists()
    out = io.StringIO()
    call_command("records", "merge", "event", "amme-17-again", "amme-17", stdout=out)
    assert "undo with: envcoop records undo-merge" in out.getvalue()
    assert not Event.objects.filter(key="amme-17-again").exists()
    with pytest.raises(CommandError, match="no event with key"):
        call_command("records", "merge", "event", "amme-17-again", "amme-17", stdout=io.StringIO())
    call_command("records", "undo-merge", str(Merge.objects.get().pk), stdout=io.StringIO())
    assert Event.objects.filter(key="amme-17-again").exists()
    with pytest.raises(CommandError, match="undone already"):
        call_command("records", "undo-merge", str(Merge.objects.get().pk), stdout=io.StringIO())


@pytest.mark.parametrize("country", ["LA", "TH"])  # the record's country, and another's
def test_focal_points_may_not_merge_rename_or_list_duplicates(country):
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.create_user(username=f"fp-{country}", password="x-long-pass-1")
    grant(user, "focal-point", country=country)
    client = Client()
    client.force_login(user)
    survivor, _duplicate = _pair()
    other, _ = event_upsert(
        key="amme-17-third",
        names=NameSet(names={"en": "17th AMME, third copy"}, original="en"),
        start="2023-08-22",
    )
    done = Merge.objects.get(pk=record_merge(source=other, target=survivor).merge_id)
    for url, data in [
        (f"/records/merges/{done.pk}/undo/", {}),
        ("/records/events/amme-17-again/merge/", {"into": "amme-17", "confirm": "1"}),
        ("/records/events/amme-17/rename/", {"key": "renamed-by-focal-point"}),
        ("/review/duplicates/events/not-same/", {"first": "amme-17", "second": "amme-17-again"}),
    ]:
        assert client.post(url, data).status_code in (302, 403)
    assert client.get("/review/duplicates/").status_code in (302, 403)
    assert Event.objects.filter(key="amme-17-again").exists()
    assert Event.objects.filter(key="amme-17").exists()
    assert not Event.objects.filter(key="amme-17-third").exists()  # the merge stands
    assert Merge.objects.get().undone_at is None
