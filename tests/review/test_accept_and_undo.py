"""What an accept writes, history and undo, on the real database (SQLite and PostgreSQL): the
change is computed before anything is written, a bulk accept never changes a value a record
has, a single one needs confirmation, and undo puts everything back or refuses."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from envcoop.core.recording import How, recorded
from envcoop.ingestion.models import Claim, ClaimStatus
from envcoop.registry.models import Event, Label
from envcoop.registry.selectors.history import record_history
from envcoop.review.models import Evidence
from envcoop.review.resolution.resolver import Resolver
from envcoop.review.services import (
    NeedsConfirmation,
    accept_preview,
    claim_accept,
    claims_accept,
    document_accept_all,
)
from envcoop.review.undo import claim_undo
from tests.review import samples

pytestmark = pytest.mark.django_db

ASOEN34 = (
    "Vientiane, 23 August 2023 — The 34th Meeting of the ASEAN Senior Officials on the "
    "Environment (34th ASOEN) was held in Vientiane, Lao PDR, on 22 August 2023.\n"
)


def event_claim(text: str, name: str) -> Claim:
    outcome = samples.ingest(text, name)
    Resolver().resolve(list(Claim.objects.filter(document=outcome.document)))
    return Claim.objects.filter(document=outcome.document, kind="event").order_by("start")[0]


def evidence_of(record) -> list[Evidence]:
    return list(
        Evidence.objects.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )
    )


def labels_of(record) -> set[tuple[str, str, str]]:
    return {(lb.kind, lb.lang, lb.text) for lb in Label.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    )}  # fmt: skip


def test_the_change_is_computed_without_writing():
    claim = event_claim(ASOEN34, "asoen34.txt")
    event = Event.objects.get(key="asoen-34")
    before = (Event.objects.count(), Label.objects.count(), Evidence.objects.count())
    change = accept_preview(claim)
    assert change.record.pk == event.pk and not change.new
    fields = {c.field: (c.before, c.after, c.kind) for c in change.fields}
    assert fields["start"] == ("2023", "2023-08-22", "precise")
    assert fields["place"] == (None, "Vientiane", "fill")  # the demo record has no place
    assert change.needs_confirmation
    assert "start" in change.evidence and "name" in change.evidence
    assert "start: 2023 → 2023-08-22  (changes a value: needs confirmation)" in change.lines()
    assert (Event.objects.count(), Label.objects.count(), Evidence.objects.count()) == before

    new = accept_preview(claim, new_record=True)
    assert new.new and new.values["start"].isoformat() == "2023-08-22"
    assert new.as_json()["values"]["start"] == "2023-08-22"


def test_a_single_accept_asks_before_making_a_value_precise():
    claim = event_claim(ASOEN34, "asoen34.txt")
    event = Event.objects.get(key="asoen-34")
    evidence = len(evidence_of(event))
    with pytest.raises(NeedsConfirmation) as asked:
        claim_accept(claim=claim)
    assert "start: 2023 → 2023-08-22" in str(asked.value)
    event.refresh_from_db()
    claim.refresh_from_db()
    assert str(event.start) == "2023" and claim.status == ClaimStatus.PENDING
    assert len(evidence_of(event)) == evidence  # nothing was written

    claim_accept(claim=claim, confirm=True)
    event.refresh_from_db()
    assert str(event.start) == "2023-08-22"


def test_accept_keeping_the_values_adds_evidence_only():
    claim = event_claim(ASOEN34, "asoen34.txt")
    event = Event.objects.get(key="asoen-34")
    claim_accept(claim=claim, keep_values=True)
    event.refresh_from_db()
    assert str(event.start) == "2023"
    assert any(e.field == "start" and e.value == "2023-08-22" for e in evidence_of(event))


def test_a_bulk_accept_never_changes_an_existing_value():
    event = Event.objects.get(key="asoen-34")
    event.place = "Vientiane Capital"
    event.save()
    claim = event_claim(ASOEN34, "asoen34.txt")
    outcome = claims_accept([claim])
    event.refresh_from_db()
    assert (str(event.start), event.place) == ("2023", "Vientiane Capital")
    assert outcome.accepted == 1 and not outcome.refused
    [(left_claim, record, left)] = outcome.left
    assert left_claim.pk == claim.pk and record.pk == event.pk
    assert {(c.field, c.kind) for c in left} >= {("start", "precise"), ("place", "conflict")}
    accepted, refused = outcome  # older callers unpack two values
    assert (accepted, refused) == (1, [])


def test_history_keeps_who_when_how_and_the_values():
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.create_user(username="officer-h", password="x-long-pw-1")
    claim = event_claim(ASOEN34, "asoen34.txt")
    event = Event.objects.get(key="asoen-34")
    claim_accept(claim=claim, user=officer, confirm=True)
    [latest, *_older] = record_history(event)
    assert (latest.who, latest.how, latest.claim) == ("officer-h", "accept", claim.pk)
    assert latest.reason == f"accept of claim {claim.pk}"
    changes = {change.field: (change.before, change.after) for change in latest.changes}
    assert changes["start"] == ("2023", "2023-08-22")
    assert any(change.field == "evidence" for change in latest.changes)
    assert any(h.history_how == "accept" for h in event.history.all())


def test_history_records_bulk_writes():
    from envcoop.registry.history import bulk_create_recorded, update_recorded

    event = Event.objects.get(key="amme-17")
    content_type = ContentType.objects.get_for_model(event)
    with recorded(None, How.IMPORT):
        made = bulk_create_recorded(
            Label,
            [
                Label(content_type=content_type, object_id=event.pk, kind="alias", lang="en", text="AMME 17"),
                Label(content_type=content_type, object_id=event.pk, kind="alias", lang="en", text="17th AMME"),
            ],
        )  # fmt: skip
        update_recorded(Event.objects.filter(pk=event.pk), place="Vientiane, Lao PDR")
    assert all(label.pk for label in made)
    rows = Label.history.filter(object_id=event.pk, content_type=content_type, history_how="import")
    assert sorted(rows.values_list("text", flat=True)) == ["17th AMME", "AMME 17"]
    assert {r.history_type for r in rows} == {"+"}
    [latest, *_] = record_history(event)
    assert latest.how == "import"
    fields = {c.field: c.after for c in latest.changes}
    assert fields["place"] == "Vientiane, Lao PDR" and fields["alias (en)"] in (
        "AMME 17",
        "17th AMME",
    )


def test_undo_restores_values_removes_evidence_and_names_and_reopens_the_claim():
    event = Event.objects.get(key="asoen-34")
    names, evidence = labels_of(event), len(evidence_of(event))
    claim = event_claim(ASOEN34, "asoen34.txt")
    claim_accept(claim=claim, confirm=True, edits={"name": "Thirty-fourth ASOEN"})
    event.refresh_from_db()
    assert str(event.start) == "2023-08-22"
    assert ("alias", "en", "Thirty-fourth ASOEN") in labels_of(event)
    assert len(evidence_of(event)) > evidence

    undone = claim_undo(claim=claim)
    assert not undone.removed and undone.record.pk == event.pk
    event.refresh_from_db()
    claim.refresh_from_db()
    assert str(event.start) == "2023"
    assert labels_of(event) == names
    assert len(evidence_of(event)) == evidence
    assert claim.status == ClaimStatus.PENDING and claim.record_id is None
    assert claim.reviewed_at is None
    assert event.history.first().history_how == "undo"


def test_undo_removes_a_record_the_accept_created():
    claim = event_claim(samples.ASOEN36_EN, "en.txt")
    record = claim_accept(claim=claim)
    assert Event.objects.filter(pk=record.pk).exists()
    undone = claim_undo(claim=claim)
    assert undone.removed and undone.record is None
    assert not Event.objects.filter(pk=record.pk).exists()
    assert not Label.objects.filter(
        object_id=record.pk, content_type=ContentType.objects.get_for_model(Event)
    ).exists()
    assert not evidence_of(record)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING


def test_undo_after_a_later_edit_refuses_and_changes_nothing():
    claim = event_claim(samples.ASOEN36_EN, "en.txt")
    record = claim_accept(claim=claim)
    with recorded(None, How.FORM):
        record.place = "Manila, Philippines"
        record.save()
    with pytest.raises(ValidationError, match="later changes"):
        claim_undo(claim=claim)
    record.refresh_from_db()
    claim.refresh_from_db()
    assert record.place == "Manila, Philippines" and claim.status == ClaimStatus.ACCEPTED
    assert Event.objects.filter(pk=record.pk).exists()


def test_undo_after_another_claim_went_into_the_record_refuses():
    first = event_claim(samples.ASOEN36_EN, "en.txt")
    record = claim_accept(claim=first)
    second = event_claim(samples.ASOEN36_VI, "vi.txt")
    assert second.match_id == record.pk
    claim_accept(claim=second)
    with pytest.raises(ValidationError, match="later changes"):
        claim_undo(claim=first)
    assert Event.objects.filter(pk=record.pk).exists()
    claim_undo(claim=second)  # the latest first, then the earlier one
    claim_undo(claim=first)
    assert not Event.objects.filter(pk=record.pk).exists()


def test_accepting_again_after_undo_makes_one_record_with_its_evidence_once():
    claim = event_claim(samples.ASOEN36_EN, "en.txt")
    claim_accept(claim=claim)
    claim_undo(claim=claim)
    record = claim_accept(claim=claim)
    claim_undo(claim=claim)
    record = claim_accept(claim=claim)
    assert Event.objects.filter(series__key="asoen", ordinal=36).count() == 1
    fields = [e.field for e in evidence_of(record)]
    assert len(fields) == len(set(fields))
    with pytest.raises(ValidationError, match="accepted already"):
        claim_accept(claim=claim)


def test_undo_refuses_a_claim_that_is_not_accepted():
    claim = event_claim(samples.ASOEN36_EN, "en.txt")
    with pytest.raises(ValidationError, match="not accepted"):
        claim_undo(claim=claim)


def test_ingest_accept_leaves_precise_values_for_a_person():
    outcome = samples.ingest(ASOEN34, "asoen34.txt")
    done = document_accept_all(outcome.document, resolver=Resolver())
    assert any(item[1].key == "asoen-34" for item in done.left)


def test_the_admin_cannot_reopen_or_rewrite_a_review(staff_client):
    claim = event_claim(samples.ASOEN36_EN, "en.txt")
    record = claim_accept(claim=claim)
    url = f"/admin/ingestion/claim/{claim.pk}/change/"
    page = staff_client.get(url)
    assert page.status_code == 200 and 'name="status"' not in page.content.decode()
    staff_client.post(
        url, {"status": "pending", "reviewed_by": "", "reviewed_at_0": "", "review_note": "x"}
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.ACCEPTED and claim.record_id == record.pk
    document = staff_client.get(f"/admin/ingestion/document/{claim.document_id}/change/")
    assert 'name="claims-0-status"' not in document.content.decode()
    with pytest.raises(ValidationError, match="accepted already"):
        claim_accept(claim=claim)
    assert Event.objects.filter(series__key="asoen", ordinal=36).count() == 1


def test_a_place_written_in_another_language_is_not_a_change():
    from envcoop.core.places import same_place
    from envcoop.review.changes import _field_change

    assert same_place("Vientiane", "เวียงจันทน์") and same_place("Viêng Chăn", "vientiane")
    assert not same_place("Vientiane", "Bangkok")
    assert _field_change("place", "Vientiane", "เวียงจันทน์") is None
    assert _field_change("place", "Vientiane", "Bangkok").kind == "conflict"
