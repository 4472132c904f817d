"""The activity log on the real database: each kind of action writes one row with the right
user, object and country, from the site and the command line; the Secretariat's page at
/activity/ with its filters; the ``envcoop activity`` command."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from envcoop.accounts.activity import log, log_export
from envcoop.accounts.models import Action, Activity
from envcoop.ingestion.jobs import run_queued_jobs
from envcoop.ingestion.models import Claim, ClaimStatus, Document
from envcoop.registry.models import Event
from envcoop.registry.services.events import event_upsert
from envcoop.registry.services.labels import NameSet
from envcoop.review.merging import merge_preview
from envcoop.review.models import Merge
from envcoop.review.resolution.resolver import Resolver
from envcoop.review.services import NeedsConfirmation, claim_accept
from envcoop.review.undo import claim_undo
from tests.conftest import user_with
from tests.review import samples

pytestmark = pytest.mark.django_db

ASOEN34 = (
    "Vientiane, 23 August 2023 — The 34th Meeting of the ASEAN Senior Officials on the "
    "Environment (34th ASOEN) was held in Vientiane, Lao PDR, on 22 August 2023.\n"
)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def rows(action: str) -> list[Activity]:
    return list(Activity.objects.filter(action=action).order_by("pk"))


def only(action: str) -> Activity:
    found = rows(action)
    assert len(found) == 1, found
    return found[0]


def points_at(row: Activity, obj) -> bool:
    return (
        row.content_type == ContentType.objects.get_for_model(type(obj)) and row.object_id == obj.pk
    )


def asoen34_claim() -> Claim:
    outcome = samples.ingest(ASOEN34, "asoen34.txt")
    Resolver().resolve(list(Claim.objects.filter(document=outcome.document)))
    return Claim.objects.filter(document=outcome.document, kind="event").order_by("start")[0]


# ---------------------------------------------------------------- who may read it


def test_each_persona_on_the_activity_page(personas):
    response = personas["anonymous"].get("/activity/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for name in ("focal_th", "focal_vn", "contributor_th", "partner"):
        response = personas[name].get("/activity/")
        assert response.status_code == 403, name
        assert "for the Secretariat" in text_of(response)
        assert 'href="/activity/"' not in personas[name].get("/").content.decode()
    for name in ("reviewer", "administrator"):
        response = personas[name].get("/activity/")
        assert response.status_code == 200, name
        assert 'href="/activity/"' in response.content.decode()  # the header's link
    # the personas' sign-ins are there, newest first, with their names
    page = text_of(personas["reviewer"].get("/activity/"))
    assert "sign-in" in page and "focal-th" in page and "administrator" in page


# ---------------------------------------------------------------- sign-in, out, failed


def test_sign_in_failed_sign_in_and_sign_out_through_the_pages():
    user = user_with("somchai", "focal-point", country="TH")
    client = Client()
    wrong = client.post("/accounts/login/", {"username": "somchai", "password": "not-the-password"})
    assert wrong.status_code == 200  # the form again
    failed = only(Action.SIGN_IN_FAILED)
    assert failed.user is None and points_at(failed, user)
    assert "somchai" in failed.detail and "127.0.0.1" in failed.detail
    assert failed.country.code == "TH"
    client.post("/accounts/login/", {"username": "nobody-at-all", "password": "x"})
    unknown = rows(Action.SIGN_IN_FAILED)[-1]
    assert unknown.object_id is None and "nobody-at-all" in unknown.detail

    right = client.post(
        "/accounts/login/", {"username": "somchai", "password": "somchai-not-a-real-password"}
    )
    assert right.status_code == 302
    signed_in = only(Action.SIGN_IN)
    assert signed_in.user == user and signed_in.username == "somchai"
    assert points_at(signed_in, user) and signed_in.country.code == "TH"

    client.post("/accounts/logout/")
    signed_out = only(Action.SIGN_OUT)
    assert signed_out.user == user


def test_a_locked_out_sign_in_says_so(settings):
    user_with("somchai", "focal-point", country="TH")
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post("/accounts/login/", {"username": "somchai", "password": "guess"})
    failed = rows(Action.SIGN_IN_FAILED)
    assert len(failed) == settings.AXES_FAILURE_LIMIT + 1
    assert "locked out" not in failed[0].detail and "locked out" in failed[-1].detail


# ---------------------------------------------------------------- uploads


def test_an_upload_through_the_page_names_the_uploader_and_the_document(personas):
    client = personas["contributor_th"]
    response = client.post(
        "/documents/upload/",
        {"file": SimpleUploadedFile("asoen34.txt", ASOEN34.encode())},
        follow=True,
    )
    assert response.status_code == 200
    run_queued_jobs()
    document = Document.objects.get(filename="asoen34.txt")
    row = only(Action.UPLOAD)
    assert row.user == client.user and points_at(row, document)
    assert row.url == f"/documents/{document.pk}/" and "asoen34.txt" in row.detail
    assert row.country.code == "TH"  # a document of no country: the uploader's
    # the same file again changes nothing and logs nothing
    client.post("/documents/upload/", {"file": SimpleUploadedFile("again.txt", ASOEN34.encode())})
    run_queued_jobs()
    assert len(rows(Action.UPLOAD)) == 1


def test_a_document_read_on_the_command_line_is_logged_without_a_user():
    outcome = samples.ingest(ASOEN34, "asoen34.txt")
    row = only(Action.UPLOAD)
    assert row.user is None and row.username == "" and points_at(row, outcome.document)


# ---------------------------------------------------------------- review


def test_accept_and_reject_through_the_review_pages(personas):
    reviewer = personas["reviewer"]
    claim = asoen34_claim()
    response = reviewer.post(f"/review/claims/{claim.pk}/accept/", {"confirm": "1"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.ACCEPTED
    accepted = only(Action.ACCEPT)
    event = Event.objects.get(key="asoen-34")
    assert accepted.user == reviewer.user and points_at(accepted, event)
    assert f"claim {claim.pk}" in accepted.detail
    assert accepted.country.code == "LA"  # the meeting is held in Laos

    other = Claim.objects.get(
        document=samples.ingest(samples.ASOEN36_EN, "en.txt").document, kind="event"
    )
    reviewer.post(f"/review/claims/{other.pk}/reject/", {"reason": "not this meeting"})
    rejected = only(Action.REJECT)
    assert rejected.user == reviewer.user and points_at(rejected, other)
    assert rejected.detail == "not this meeting"
    assert rejected.url == f"/review/claims/{other.pk}/"

    # the page links the record and its history tab
    page = reviewer.get("/activity/?action=accept").content.decode()
    assert 'href="/events/asoen-34/"' in page and 'href="/events/asoen-34/history/"' in page


def test_an_accept_refused_leaves_no_row_and_undo_logs_one():
    claim = asoen34_claim()
    with pytest.raises(NeedsConfirmation):
        claim_accept(claim=claim)  # "2023" would become "2023-08-22": a person confirms
    assert rows(Action.ACCEPT) == []
    claim_accept(claim=claim, confirm=True)
    assert only(Action.ACCEPT).user is None  # the command line's
    undone = claim_undo(claim=claim)
    row = only(Action.UNDO)
    assert points_at(row, undone.record) and f"claim {claim.pk}" in row.detail


def test_an_accept_from_a_recorded_request_takes_the_request_user():
    from envcoop.core.recording import How, recorded

    officer = user_with("officer-a", "secretariat-reviewer")
    claim = asoen34_claim()
    with recorded(lambda: officer, How.FORM):
        claim_accept(claim=claim, confirm=True)
    assert only(Action.ACCEPT).user == officer


# ---------------------------------------------------------------- records


def _duplicate() -> Event:
    duplicate, _ = event_upsert(
        key="amme-17-again",
        names=NameSet(names={"en": "17th ASEAN Ministerial Meeting on Environment"}, original="en"),
        start="2023-08-22",
        end="2023-08-24",
        country="LA",
    )
    return duplicate


def test_merge_undo_merge_and_rename_through_the_pages(personas):
    reviewer = personas["reviewer"]
    survivor = Event.objects.get(key="amme-17")
    duplicate = _duplicate()
    merge_preview(source=duplicate, target=survivor)
    assert rows(Action.MERGE) == []  # a preview writes nothing
    reviewer.get("/records/events/amme-17-again/merge/?into=amme-17")
    assert rows(Action.MERGE) == []
    reviewer.post("/records/events/amme-17-again/merge/", {"into": "amme-17", "confirm": "1"})
    merged = only(Action.MERGE)
    assert merged.user == reviewer.user and points_at(merged, survivor)
    assert "amme-17-again merged into amme-17" in merged.detail

    reviewer.post(f"/records/merges/{Merge.objects.get().pk}/undo/")
    unmerged = only(Action.UNDO_MERGE)
    assert unmerged.user == reviewer.user and points_at(unmerged, duplicate)

    reviewer.post("/records/events/amme-17-again/rename/", {"key": "amme-17-copy"})
    renamed = only(Action.RENAME)
    assert renamed.user == reviewer.user and points_at(renamed, duplicate)
    assert renamed.detail == "amme-17-again → amme-17-copy"
    assert renamed.url == "/events/amme-17-copy/"
    # a refused name logs nothing
    reviewer.post("/records/events/amme-17-copy/rename/", {"key": "Not A Key"})
    assert len(rows(Action.RENAME)) == 1


def test_edit_and_visibility_are_logged_by_whoever_calls_log(personas):
    focal = personas["focal_th"].user
    event = Event.objects.get(key="amme-17")
    edit = log(focal, Action.EDIT, obj=event, detail="place")
    assert edit.user == focal and edit.country.code == "TH"  # of its countries, theirs
    document = samples.ingest(ASOEN34, "asoen34.txt").document
    shown = log(focal, Action.VISIBILITY, obj=document, country="TH", detail="members → public")
    assert shown.action == "visibility" and shown.country.code == "TH"
    assert points_at(shown, document)


# ---------------------------------------------------------------- users and roles


def test_users_command_logs_additions_roles_and_disabling():
    out = io.StringIO()
    call_command(
        "users", "add", "malee", "--email", "malee@example.org", "--role", "focal-point",
        "--country", "TH", stdout=out,
    )  # fmt: skip
    malee = get_user_model().objects.get(username="malee")
    added = only(Action.USER_ADDED)
    assert added.user is None and points_at(added, malee)
    assert added.country.code == "TH" and added.detail == "focal-point TH"

    call_command(
        "users", "add", "noi", "--email", "noi@example.org", "--role", "contributor",
        "--country", "TH", "--by", "malee", stdout=out,
    )  # fmt: skip
    noi = get_user_model().objects.get(username="noi")
    by_focal = rows(Action.USER_ADDED)[-1]
    assert by_focal.user == malee and points_at(by_focal, noi)

    call_command("users", "set-role", "malee", "--role", "secretariat-reviewer", stdout=out)
    call_command("users", "set-role", "malee", "--role", "secretariat-reviewer", stdout=out)
    given = only(Action.ROLE_GIVEN)  # given once: the second changed nothing
    assert points_at(given, malee) and given.detail == "secretariat-reviewer"
    call_command(
        "users", "set-role", "malee", "--role", "secretariat-reviewer", "--remove", stdout=out
    )
    assert points_at(only(Action.ROLE_TAKEN), malee)

    call_command("users", "disable", "noi", "--by", "malee", stdout=out)
    call_command("users", "disable", "noi", stdout=out)  # already: nothing
    disabled = only(Action.USER_DISABLED)
    assert disabled.user == malee and points_at(disabled, noi) and disabled.country.code == "TH"

    with pytest.raises(CommandError):  # a refused change logs nothing
        call_command(
            "users", "set-role", "noi", "--role", "secretariat-admin", "--by", "malee", stdout=out
        )
    assert len(rows(Action.ROLE_GIVEN)) == 1


# ---------------------------------------------------------------- exports


def test_annual_report_downloads_by_signed_in_readers_are_logged(personas):
    url = "/reports/annual/?year=2023&format=md"
    assert personas["anonymous"].get(url).status_code == 200
    assert rows(Action.EXPORT) == []  # a visitor's report holds public documents only
    assert personas["partner"].get(url).status_code == 200
    assert personas["partner"].get("/reports/annual/?year=2023").status_code == 200  # a page
    row = only(Action.EXPORT)
    assert row.user == personas["partner"].user
    assert row.detail.startswith("annual report 2023, MD")
    assert log_export(None, "nothing") is None  # no one signed in: nothing


# ---------------------------------------------------------------- the page's filters


@pytest.fixture
def logged(personas):
    """A few rows with known users, kinds, countries and days (the personas' sign-ins
    are removed)."""
    Activity.objects.all().delete()
    focal, reviewer = personas["focal_th"].user, personas["reviewer"].user
    event = Event.objects.get(key="amme-17")
    made = {
        "old": log(focal, Action.EDIT, obj=event, country="TH", detail="old edit"),
        "vn": log(personas["focal_vn"].user, Action.EDIT, obj=event, country="VN"),
        "merge": log(reviewer, Action.MERGE, obj=event, detail="merged by hand"),
        "role": log(None, Action.ROLE_GIVEN, obj=focal, country="TH", detail="to focal"),
    }
    made["old"].at = timezone.make_aware(dt.datetime(2025, 1, 10, 9, 0))
    made["old"].save()
    return made


def _shown(client: Client, query: dict) -> str:
    response = client.get("/activity/", query)
    assert response.status_code == 200
    return text_of(response)


def test_the_page_filters_by_user_country_action_and_days(personas, logged):
    reviewer = personas["reviewer"]
    everything = _shown(reviewer, {})
    assert "4 entries" in everything
    assert everything.index("to focal") < everything.index("old edit")  # newest first
    by_focal = _shown(reviewer, {"user": "focal-th"})  # by them, and to their account
    assert "old edit" in by_focal and "to focal" in by_focal and "merged by hand" not in by_focal
    assert "2 entries" in by_focal
    assert "1 entry" in _shown(reviewer, {"country": "VN"})
    merges = _shown(reviewer, {"action": "merge"})
    assert "merged by hand" in merges and "old edit" not in merges
    january = _shown(reviewer, {"since": "2025-01-10", "until": "2025-01-10"})
    assert "old edit" in january and "1 entry" in january
    later = _shown(reviewer, {"since": "2025-01-11"})
    assert "old edit" not in later and "3 entries" in later


@pytest.mark.parametrize(
    "query, message",
    [
        ({"user": "no-such-user"}, "No user is called"),
        ({"country": "ZZ"}, "Select a valid choice"),
        ({"action": "<script>"}, "Select a valid choice"),
        ({"since": "yesterday"}, "Enter a valid date"),
        ({"since": "2025-02-01", "until": "2025-01-01"}, "before its start"),
        ({"page": "9999"}, None),
        ({"page": "x"}, None),
    ],
)
def test_bad_filter_values_are_ignored_with_a_message(personas, logged, query, message):
    page = _shown(personas["administrator"], query)
    if message:
        assert message in page and "is not applied" in page
        assert "old edit" in page or "since" in query  # the rest of the list is there
    else:
        assert "entries" in page


def test_the_page_has_pages(personas, logged):
    for number in range(60):
        log(None, Action.EDIT, detail=f"edit {number}")
    first = personas["reviewer"].get("/activity/?action=edit").content.decode()
    assert "Page 1 of 2" in first and "edit 59" in first and "?action=edit&amp;page=2" in first
    second = text_of(personas["reviewer"].get("/activity/?action=edit&page=2"))
    assert "old edit" in second


# ---------------------------------------------------------------- the command


def test_the_command_in_json(personas, logged):
    out = io.StringIO()
    call_command("activity", "--json", stdout=out)
    found = json.loads(out.getvalue())
    assert [row["detail"] for row in found[:1]] == ["to focal"]
    assert len(found) == 4
    merge = next(row for row in found if row["action"] == "merge")
    assert merge["user"] == "reviewer" and merge["action_label"] == "merge"
    assert merge["object"]["type"] == "registry.event"
    assert merge["object"]["id"] == Event.objects.get(key="amme-17").pk
    assert merge["object"]["url"] == "/events/amme-17/"

    out = io.StringIO()
    call_command("activity", "--user", "focal-th", "--action", "edit", "--json", stdout=out)
    assert [row["detail"] for row in json.loads(out.getvalue())] == ["old edit"]
    out = io.StringIO()
    call_command("activity", "--since", "2025-01-11", "--country", "th", "--json", stdout=out)
    assert [row["detail"] for row in json.loads(out.getvalue())] == ["to focal"]
    out = io.StringIO()
    call_command("activity", "--limit", "1", stdout=out)
    assert out.getvalue().count("\n") == 1 and "to focal" in out.getvalue()
    with pytest.raises(CommandError, match="not a date"):
        call_command("activity", "--since", "last week")
    with pytest.raises(CommandError, match="No user"):
        call_command("activity", "--user", "no-such-user")


def test_a_list_export_by_a_signed_in_reader_is_logged(personas):
    from envcoop.accounts.models import Action, Activity

    personas["anonymous"].get("/events/export/?format=csv")
    assert not Activity.objects.filter(action=Action.EXPORT).exists()
    personas["focal_th"].get("/events/export/?format=xlsx")
    row = Activity.objects.get(action=Action.EXPORT)
    assert row.user == personas["focal_th"].user and "events" in row.detail
