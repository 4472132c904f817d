"""Every address of the site, requested by every persona, answers as expected.

Each URL name has an entry in EXPECTED: the address to request (with a real key, id or
code from the demo registry or from the documents made here) and the status per persona.
A new URL without an entry fails ``test_every_url_has_expectations``.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from envcoop.ingestion.jobs import enqueue_upload
from envcoop.ingestion.models import Claim, Visibility
from envcoop.ingestion.pipeline import Filing, ingest_bytes
from envcoop.review.resolution.resolver import Resolver
from tests.conftest import PERSONAS
from tests.review import samples

ALL = tuple(PERSONAS)
ANON, FOCAL_TH, FOCAL_VN, CONTRIB_TH, PARTNER, REVIEWER, ADMIN = ALL


def statuses(default: int, anonymous: int | None = None, **others: int) -> dict[str, int]:
    found = {name: default for name in ALL}
    if anonymous is not None:
        found[ANON] = anonymous
    found.update(others)
    return found


PUBLIC = statuses(200)
SIGNED_IN = statuses(200, anonymous=302)
SECRETARIAT = statuses(403, anonymous=302, reviewer=200, administrator=200)
# The review queue: the Secretariat, and the focal points (their country's claims).
REVIEWERS = statuses(
    403, anonymous=302, focal_th=200, focal_vn=200, reviewer=200, administrator=200
)
UPLOADERS = statuses(200, anonymous=302)
ADDERS = REVIEWERS  # adding records: the Secretariat and the focal points
# A Thai record's history and names: the Secretariat and Thailand's focal point.
THAI_RECORD = statuses(403, anonymous=302, focal_th=200, reviewer=200, administrator=200)
# A document only Thailand's members and the Secretariat read.
THAI_DOCUMENT = statuses(
    403, anonymous=302, focal_th=200, contributor_th=200, reviewer=200, administrator=200
)
THAI_CLAIM = statuses(403, anonymous=302, focal_th=200, reviewer=200, administrator=200)


def only_post(allowed: dict[str, int]) -> dict[str, int]:
    """A POST-only view: those it lets in get 405 for a GET; the others as ``allowed``."""
    return {name: (405 if status == 200 else status) for name, status in allowed.items()}


THAI_TEXT = (
    "ASEAN officials prepare ministers' agenda in Bangkok\n\n"
    "BANGKOK, 14 March 2024 - The 35th Meeting of the ASEAN Senior Officials on the "
    "Environment (35th ASOEN) was held in Bangkok, Thailand, on 12-13 March 2024.\n"
)


@pytest.fixture
def places(db) -> dict[str, str]:
    """Ids of documents, claims and merges the addresses need."""
    thai = ingest_bytes(
        THAI_TEXT.encode(), source="th.txt", filing=Filing(Visibility.COUNTRY, "TH")
    ).document
    public = samples.ingest(samples.ASOEN36_EN, "en.txt").document
    claims = list(Claim.objects.filter(document=thai, kind="event"))
    Resolver().resolve(claims)
    # an upload waiting to be read, by no one in PERSONAS: for the Secretariat only
    upload = enqueue_upload(THAI_TEXT.encode(), filename="queued.txt").upload
    return {
        "thai_document": thai.pk,
        "public_document": public.pk,
        "thai_claim": claims[0].pk,
        "upload": upload,
    }


# url name -> (address, statuses). ``{thai_claim}`` etc. are filled from ``places``.
EXPECTED: dict[str, tuple[str, dict[str, int]]] = {
    "switch_language": ("/language/th/?next=/", statuses(302)),
    # for probes: public; /readyz is 503 when the site is not ready (tests/web/test_health.py)
    "healthz": ("/healthz", PUBLIC),
    "readyz": ("/readyz", statuses(503)),  # no worker has said it is alive in this test
    "accounts:account": ("/accounts/", SIGNED_IN),
    "accounts:login": ("/accounts/login/", statuses(302, anonymous=200)),
    "accounts:logout": ("/accounts/logout/", statuses(405)),
    "accounts:password_change": ("/accounts/password/", SIGNED_IN),
    "accounts:password_change_done": ("/accounts/password/done/", SIGNED_IN),
    "accounts:password_reset": ("/accounts/password/reset/", PUBLIC),
    "accounts:password_reset_done": ("/accounts/password/reset/sent/", PUBLIC),
    "accounts:password_reset_confirm": ("/accounts/password/reset/MQ/bad-token/", PUBLIC),
    "accounts:password_reset_complete": ("/accounts/password/reset/complete/", PUBLIC),
    "web:home": ("/", PUBLIC),
    "web:frameworks": ("/frameworks/", PUBLIC),
    "web:projects": ("/projects/", PUBLIC),
    "web:events": ("/events/", PUBLIC),
    "web:agreements": ("/agreements/", PUBLIC),
    "web:organisations": ("/organisations/", PUBLIC),
    "web:frameworks_export": ("/frameworks/export/?format=csv", PUBLIC),
    "web:projects_export": ("/projects/export/?format=csv", PUBLIC),
    "web:events_export": ("/events/export/?format=csv", PUBLIC),
    "web:agreements_export": ("/agreements/export/?format=csv", PUBLIC),
    "web:organisations_export": ("/organisations/export/?format=csv", PUBLIC),
    "web:framework_json": ("/frameworks/asean-china-sap-2021-2025.json", PUBLIC),
    "web:project_json": ("/projects/blue-economy-trat.json", PUBLIC),
    "web:event_json": ("/events/amme-17.json", PUBLIC),
    "web:agreement_json": ("/agreements/aathp.json", PUBLIC),
    "web:organisation_json": ("/organisations/th-pcd.json", PUBLIC),
    "web:event_ics": ("/events/amme-17.ics", PUBLIC),
    "web:framework": ("/frameworks/asean-china-sap-2021-2025/", PUBLIC),
    "web:framework_matrix": ("/frameworks/asean-china-sap-2021-2025/matrix/", PUBLIC),
    "web:project": ("/projects/blue-economy-trat/", PUBLIC),
    "web:funds": ("/funds/", PUBLIC),
    "web:funds_export": ("/funds/export/?format=csv", PUBLIC),
    "web:priorities_export": ("/priorities/export/?format=csv", PUBLIC),
    "web:fund": ("/funds/asean-china-maritime-cooperation-fund/", PUBLIC),
    "web:event": ("/events/amme-17/", PUBLIC),
    "web:agreement": ("/agreements/aathp/", PUBLIC),
    "web:organisation": ("/organisations/th-pcd/", PUBLIC),
    "web:record_history": ("/projects/blue-economy-trat/history/", THAI_RECORD),
    "web:countries": ("/countries/", PUBLIC),
    "web:country": ("/countries/TH/", PUBLIC),
    "web:areas": ("/areas/", PUBLIC),
    "web:area": ("/areas/climate-change/", PUBLIC),
    "web:priorities": ("/priorities/", PUBLIC),
    "web:documents": ("/documents/", PUBLIC),
    "web:document_upload": ("/documents/upload/", UPLOADERS),
    # an upload's progress: its uploader (tests/web/test_uploads.py) and the Secretariat
    "web:upload_status": ("/documents/uploads/{upload}/", SECRETARIAT),
    "web:upload_status_json": ("/documents/uploads/{upload}.json", SECRETARIAT),
    "web:document": ("/documents/{thai_document}/", THAI_DOCUMENT),
    "web:document_original": ("/documents/{thai_document}/original", THAI_DOCUMENT),
    # POST only, for everyone (who may is checked on the POST: tests/web/test_document_settings.py)
    "web:document_visibility": ("/documents/{thai_document}/visibility/", statuses(405)),
    # POST only, for everyone (who may is checked on the POST: tests/web/test_document_settings.py)
    "web:document_provenance": ("/documents/{thai_document}/provenance/", statuses(405)),
    "web:search": ("/search/?q=ASOEN", PUBLIC),
    "web:annual_report": ("/reports/annual/?year=2023", PUBLIC),
    "web:annual_report_names": (
        "/reports/annual/names/?year=2023",
        statuses(403, anonymous=302, focal_th=200, focal_vn=200, reviewer=200, administrator=200),
    ),
    "web:activity": ("/activity/", SECRETARIAT),
    "web:import": ("/import/", SECRETARIAT),
    # The record forms: adding is for the Secretariat and the focal points; editing a
    # Thai project for the Secretariat and Thailand's focal point.
    "web:event_new": ("/events/new/", ADDERS),
    "web:project_new": ("/projects/new/", ADDERS),
    "web:agreement_new": ("/agreements/new/", ADDERS),
    "web:organisation_new": ("/organisations/new/", ADDERS),
    "web:event_edit": ("/events/asean-china-focal-point-meeting-2022/edit/", THAI_RECORD),
    "web:project_edit": ("/projects/blue-economy-trat/edit/", THAI_RECORD),
    "web:agreement_edit": ("/agreements/mangrove-pilot-cooperation-mou-2018/edit/", THAI_RECORD),
    "web:organisation_edit": ("/organisations/th-pcd/edit/", THAI_RECORD),
    "web:record_names": ("/records/organisations/names/?q=pcd", ADDERS),
    "web:import_template": ("/import/template/events.csv", SECRETARIAT),
    "web:review": ("/review/", REVIEWERS),
    "web:review_bulk_accept": ("/review/accept/", only_post(REVIEWERS)),
    "web:review_claim": ("/review/claims/{thai_claim}/", THAI_CLAIM),
    "web:review_accept": ("/review/claims/{thai_claim}/accept/", only_post(REVIEWERS)),
    "web:review_reject": ("/review/claims/{thai_claim}/reject/", only_post(REVIEWERS)),
    "web:review_undo": ("/review/claims/{thai_claim}/undo/", only_post(REVIEWERS)),
    "web:review_record_names": ("/review/records/event/names/?q=amme", REVIEWERS),
    "web:record_rename": ("/records/events/amme-17/rename/", only_post(SECRETARIAT)),
    "web:record_merge": ("/records/events/amme-17/merge/", SECRETARIAT),
    "web:record_merge_undo": ("/records/merges/1/undo/", only_post(SECRETARIAT)),
    "web:review_duplicates": ("/review/duplicates/", SECRETARIAT),
    "web:review_not_same": ("/review/duplicates/event/not-same/", only_post(SECRETARIAT)),
    "web:review_conflicts": ("/review/conflicts/", SECRETARIAT),
    "web:review_conflict_pick": ("/review/conflicts/pick/", only_post(SECRETARIAT)),
}


def url_names() -> set[str]:
    """Every named address of the site (the Django admin aside: it has its own tests)."""
    found: set[str] = set()

    def walk(patterns: list, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                inner = pattern.namespace or ""
                walk(
                    pattern.url_patterns, f"{namespace}:{inner}".strip(":") if inner else namespace
                )
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, "")
    return found


def test_every_url_has_expectations():
    missing = sorted(url_names() - set(EXPECTED))
    assert not missing, f"add these to EXPECTED with a status per persona: {missing}"
    stale = sorted(set(EXPECTED) - url_names())
    assert not stale, f"these are no longer addresses of the site: {stale}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_persona_gets_the_expected_status(name, personas, places):
    address, expected = EXPECTED[name]
    address = address.format(**places)
    got = {persona: personas[persona].get(address).status_code for persona in ALL}
    assert got == expected, address
