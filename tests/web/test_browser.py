"""A real Chromium on the live site: switching language, filtering, following links."""

import shutil
from pathlib import Path

import pytest

from envcoop.registry.data.loader import load_demo
from tests.conftest import grant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture
def page(live_server, monkeypatch):
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: make test installs the Debian package 'chromium'")
    from playwright.sync_api import sync_playwright

    load_demo()
    # Playwright's synchronous API keeps an event loop in this thread, which makes Django
    # refuse ORM calls here; the live server runs in its own thread and is unaffected.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.requested = []  # type: ignore[attr-defined]
        page.on("request", lambda request: page.requested.append(request.url))  # type: ignore[attr-defined]
        yield page
        context.close()
        browser.close()


def test_a_thai_reader_switches_language_filters_and_opens_a_meeting(page, live_server):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Environmental cooperation dashboard"

    page.get_by_role("link", name="ไทย").click()
    page.wait_for_url("**/th/")
    # the choice is remembered: the English address now keeps English only when chosen
    assert any(cookie["name"] == "django_language" for cookie in page.context.cookies())
    assert page.locator("h1").inner_text() == "แดชบอร์ดความร่วมมือด้านสิ่งแวดล้อม"

    page.get_by_role("navigation", name="เมนูหลัก").get_by_role("link", name="การประชุม").click()
    page.wait_for_url("**/th/events/")
    filters = page.get_by_role(
        "search", name="ตัวกรอง"
    )  # the export's column chooser has "สาขา" too
    filters.get_by_label("สาขา").select_option("climate-change")
    filters.get_by_label("ปี").fill("2566")  # a Buddhist-era year
    page.get_by_role("button", name="กรอง").click()
    page.wait_for_url("**/th/events/?*")
    table = page.locator("table.list").inner_text()
    assert "การประชุมรัฐมนตรีอาเซียนด้านสิ่งแวดล้อม ครั้งที่ 17" in table
    assert "2565" not in table  # the 2022 meetings are filtered out

    page.get_by_role("link", name="การประชุมรัฐมนตรีอาเซียนด้านสิ่งแวดล้อม ครั้งที่ 17").click()
    page.wait_for_url("**/th/events/amme-17/")
    assert "22–24 ส.ค. 2566" in page.locator("dl.facts").inner_text()

    page.get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_url("**/vi/events/amme-17/")
    assert page.locator("h1").inner_text() == "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17"

    outside = [url for url in page.requested if not url.startswith(live_server.url)]
    assert outside == []


def test_pages_fit_a_phone_screen(page, live_server):
    page.set_viewport_size({"width": 375, "height": 740})
    for path in ["/", "/vi/projects/", "/th/frameworks/asean-china-sap-2021-2025/"]:
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (path, overflow)


def test_keyboard_users_can_skip_to_the_content(page, live_server):
    page.goto(live_server.url + "/vi/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Chuyển đến nội dung"
    page.keyboard.press("Enter")
    page.wait_for_url("**#main")


def test_a_reviewer_works_the_queue_from_the_keyboard(page, live_server):
    from django.contrib.auth import get_user_model

    from envcoop.ingestion.models import Claim, ClaimStatus
    from tests.review import samples

    reviewer = get_user_model().objects.create_user(
        username="reviewer", password="a-long-test-password-3", is_staff=True
    )
    grant(reviewer, "secretariat-reviewer")
    outcome = samples.ingest(samples.ASOEN36_EN, "en.txt")
    page.goto(live_server.url + "/accounts/login/?next=/review/")
    page.get_by_label("Username").fill("reviewer")
    page.get_by_label("Password").fill("a-long-test-password-3")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/review/")

    first = page.locator("article.proposal").first
    claim_id = int(first.get_attribute("id").removeprefix("claim-"))
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == f"claim-{claim_id}"
    page.keyboard.press("a")
    page.wait_for_selector(".message-success")
    assert "Accepted into" in page.locator(".messages").inner_text()
    assert Claim.objects.get(pk=claim_id).status == ClaimStatus.ACCEPTED

    second = page.locator("article.proposal").first
    second_id = int(second.get_attribute("id").removeprefix("claim-"))
    # back at the card that took the accepted one's place, with the focus on it
    assert page.evaluate("document.activeElement.id") == f"claim-{second_id}"
    page.keyboard.press("r")
    page.keyboard.type("named twice")
    page.keyboard.press("Enter")
    page.wait_for_selector(".message-success")
    rejected = Claim.objects.get(pk=second_id)
    assert (rejected.status, rejected.review_note) == (ClaimStatus.REJECTED, "named twice")
    assert rejected.document_id == outcome.document.pk

    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url + "/review/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    outside = [url for url in page.requested if not url.startswith(live_server.url)]
    assert outside == []


def test_a_reviewer_accepts_with_confirmation_then_undoes(page, live_server):
    from django.contrib.auth import get_user_model

    from envcoop.ingestion.models import Claim, ClaimStatus
    from envcoop.registry.models import Event
    from envcoop.review.resolution.resolver import Resolver
    from tests.review import samples

    reviewer = get_user_model().objects.create_user(
        username="reviewer2", password="a-long-test-password-4", is_staff=True
    )
    grant(reviewer, "secretariat-reviewer")
    text = (
        "Vientiane, 23 August 2023 — The 34th Meeting of the ASEAN Senior Officials on the "
        "Environment (34th ASOEN) was held in Vientiane, Lao PDR, on 22 August 2023.\n"
    )
    outcome = samples.ingest(text, "asoen34.txt")
    Resolver().resolve(list(Claim.objects.filter(document=outcome.document)))
    claim = Claim.objects.filter(document=outcome.document, kind="event").first()
    page.goto(live_server.url + "/accounts/login/?next=/review/")
    page.get_by_label("Username").fill("reviewer2")
    page.get_by_label("Password").fill("a-long-test-password-4")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/review/")

    card = page.locator(f"#claim-{claim.pk}")
    assert "asks for confirmation" in card.locator(".accept-change").inner_text()
    card.get_by_role("button", name="Accept…").click()
    page.wait_for_selector("form.confirm-accept")
    assert "This accept changes what the record holds" in page.locator("h1").inner_text()
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.PENDING
    page.keyboard.press("Enter")  # the confirming button has the focus
    page.wait_for_selector(".message-success")
    assert str(Event.objects.get(key="asoen-34").start) == "2023-08-22"

    page.goto(live_server.url + f"/review/claims/{claim.pk}/")
    page.get_by_role("button", name="Undo this accept").click()
    page.wait_for_selector(".message-success")
    assert "Undone" in page.locator(".messages").inner_text()
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.PENDING
    assert str(Event.objects.get(key="asoen-34").start) == "2023"

    page.goto(live_server.url + "/events/asoen-34/history/")
    entries = page.locator("li.history-entry")
    assert entries.count() >= 2 and "undo of an accept" in entries.first.inner_text()
    outside = [url for url in page.requested if not url.startswith(live_server.url)]
    assert outside == []


def _tab_to(page, test: str, *, limit: int = 150) -> None:
    """Press Tab until the focused element passes ``test`` (JavaScript, with ``el``)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => !!el && ({test}))(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {test}")


def test_a_reviewer_reviews_a_document_from_the_keyboard_without_losing_their_place(
    page, live_server
):
    from django.contrib.auth import get_user_model

    from envcoop.ingestion.models import Claim, ClaimStatus
    from envcoop.registry.models import Event
    from tests.review import samples

    reviewer = get_user_model().objects.create_user(
        username="reviewer3", password="a-long-test-password-5", is_staff=True
    )
    grant(reviewer, "secretariat-reviewer")
    samples.ingest(samples.ASOEN36_EN, "en.txt")
    samples.ingest(samples.ASOEN35_EN, "asoen35.txt")
    told = samples.ingest(samples.NEW_DEPARTMENT_VI, "vi.txt")
    # a meeting the reader did not recognise: the reviewer knows it is the 17th AMME
    vague = Claim.objects.create(
        document=told.document, kind="event", start=0, end=20, quote="ASEAN ministers met",
        value={"name": "the ASEAN environment ministers' meeting in Vientiane"},
        extractor="test", extractor_version="1", confidence=0.6,
    )  # fmt: skip
    page.goto(live_server.url + "/accounts/login/?next=/review/")
    page.get_by_label("Username").fill("reviewer3")
    page.get_by_label("Password").fill("a-long-test-password-5")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/review/")

    cards = page.locator("article.proposal")
    assert cards.count() >= 4
    first_id, second_id = (cards.nth(i).get_attribute("id") for i in range(2))
    # from the top of the page, Tab to the first card's Accept button; Enter
    _tab_to(page, f"el.matches('button.accept') && el.closest('article').id === '{first_id}'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/review/#{second_id}")
    assert page.evaluate("document.activeElement.closest('article.proposal').id") == second_id
    assert "Accepted into" in page.locator(".messages").inner_text()
    # the message stands just above the card the reviewer is at, both in view
    assert page.evaluate(
        f"document.querySelector('ul.messages').nextElementSibling.id === '{second_id}'"
    )
    page.wait_for_load_state("load")
    for shown in (page.locator("ul.messages"), page.locator(f"#{second_id}")):
        box = shown.bounding_box()
        assert 0 <= box["y"] < 900, box
    accepted = Claim.objects.get(pk=int(first_id.removeprefix("claim-")))
    assert accepted.status == ClaimStatus.ACCEPTED

    # the vague meeting: Tab to its "Edit, then accept" link, pick the record by name
    page.locator(f"#{second_id}").focus()
    _tab_to(page, f"el.matches('a.edit') && el.closest('article').id === 'claim-{vague.pk}'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/review/claims/{vague.pk}/?next=*")
    _tab_to(page, "el.name === 'other'")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "combobox"
    page.keyboard.type("ministerial meeting on env")
    option = page.get_by_role("option", name="17th ASEAN Ministerial Meeting on Environment")
    option.wait_for()
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "true"
    page.keyboard.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")  # chooses; does not send the form
    assert page.locator("input[name=other]").input_value() == "amme-17"
    assert page.locator("input[name=target][value=other]").is_checked()
    assert (
        "Chosen: 17th ASEAN Ministerial Meeting on Environment"
        in page.locator(".picker-status").inner_text()
    )
    page.keyboard.press("Escape")  # the list is closed already: Escape clears the input
    assert page.locator("input[name=other]").input_value() == ""
    page.keyboard.type("amme 17")
    option.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    _tab_to(page, "el.matches('button.accept')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/review/#claim-*")
    arrived = page.url.rsplit("#", 1)[1]
    assert page.evaluate("document.activeElement.closest('article.proposal').id") == arrived
    assert "Accepted into" in page.locator(".messages").inner_text()

    vague.refresh_from_db()
    assert vague.status == ClaimStatus.ACCEPTED
    amme = Event.objects.get(key="amme-17")
    assert vague.record == amme
    assert "the ASEAN environment ministers' meeting in Vientiane" in [
        label.text for label in amme.labels.all()
    ]
    # the form fits a phone screen (a fieldset is as wide as its widest field otherwise)
    pending = Claim.objects.filter(status=ClaimStatus.PENDING, kind="event").first()
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url + f"/vi/review/claims/{pending.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    outside = [url for url in page.requested if not url.startswith(live_server.url)]
    assert outside == []


def test_a_focal_point_adds_an_event_with_the_pickers_from_the_keyboard(page, live_server):
    from django.contrib.auth import get_user_model

    from envcoop.registry.models import Event

    focal = get_user_model().objects.create_user(
        username="focal-th", password="a-long-test-password-7"
    )
    grant(focal, "focal-point", country="TH")
    page.goto(live_server.url + "/accounts/login/?next=/events/")
    page.get_by_label("Username").fill("focal-th")
    page.get_by_label("Password").fill("a-long-test-password-7")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/events/")
    page.get_by_role("link", name="Add an event").click()
    page.wait_for_url("**/events/new/")

    # the names, from the keyboard: Tab from the top of the form
    _tab_to(page, "el.name === 'name_en'")
    page.keyboard.type("ASEAN Working Group on Coastal and Marine Environment 2024")
    _tab_to(page, "el.name === 'series' && el.type === 'text'")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "combobox"
    page.keyboard.type("working group coastal")
    option = page.get_by_role("option").first
    option.wait_for()
    page.keyboard.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    chosen_series = option.locator(".picker-name").inner_text()
    page.keyboard.press("Enter")  # chooses; does not send the form
    series_box = page.locator("#id_series_chosen input[type=checkbox]")
    assert series_box.count() == 1 and series_box.is_checked()
    assert page.locator("input#id_series").input_value() == ""
    _tab_to(page, "el.name === 'start'")
    page.keyboard.type("๒๒/๐๘/๒๕๖๗")  # a Thai-digit Buddhist-era day
    # Thailand is there already (the focal point's country); Viet Nam is added by name
    assert page.locator("#id_participant_countries_chosen input[value=TH]").is_checked()
    _tab_to(page, "el.name === 'participant_countries' && el.type === 'text'")
    page.keyboard.type("Việt")
    option = page.get_by_role("option", name="Vietnam")
    option.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert (
        "Chosen: Vietnam (VN)"
        in page.locator("#id_participant_countries ~ .picker-status").inner_text()
    )
    # an organisation by its acronym in Thai
    _tab_to(page, "el.name === 'participant_organisations' && el.type === 'text'")
    page.keyboard.type("คพ.")
    page.get_by_role("option", name="Pollution Control Department").wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    _tab_to(page, "el.matches('button.accept')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/events/*/")
    assert "Added:" in page.locator(".messages").inner_text()

    event = Event.objects.latest("created_at")
    assert event.names()["en"] == "ASEAN Working Group on Coastal and Marine Environment 2024"
    assert str(event.start) == "2024-08-22"
    assert str(event.series.display_name) == chosen_series
    assert sorted(event.participant_countries.values_list("code", flat=True)) == ["TH", "VN"]
    assert list(event.participant_organisations.values_list("key", flat=True)) == ["th-pcd"]
    assert event.history.first().history_how == "form"
    # the record page has the Edit tab; the form fits a phone screen
    page.get_by_role("link", name="Edit", exact=True).click()
    page.wait_for_url(f"**/events/{event.key}/edit/")
    page.set_viewport_size({"width": 375, "height": 740})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    outside = [url for url in page.requested if not url.startswith(live_server.url)]
    assert outside == []


# Records every Content-Security-Policy violation the page meets (an init script is
# not subject to the page's policy).
CSP_LISTENER = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline")
    + " at " + event.sourceFile + ":" + event.lineNumber);
});
"""


def test_no_page_breaks_the_content_security_policy(page, live_server):
    from django.contrib.auth import get_user_model

    from envcoop.ingestion.models import Claim
    from envcoop.registry.models import Event
    from tests.review import samples

    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.add_init_script(CSP_LISTENER)
    reviewer = get_user_model().objects.create_user(
        username="reviewer4", password="a-long-test-password-6", is_staff=True, is_superuser=True
    )
    grant(reviewer, "secretariat-reviewer")
    outcome = samples.ingest(samples.ASOEN36_EN, "en.txt")
    claim = Claim.objects.filter(document=outcome.document, kind="event").first()
    event = Event.objects.get(key="amme-17")

    def visit(path: str) -> None:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        page.wait_for_load_state("load")
        assert page.evaluate("window.__violations") == [], path

    for path in ["/", "/events/", "/events/amme-17/", "/search/?q=haze", "/th/projects/"]:
        visit(path)
    page.goto(live_server.url + "/accounts/login/?next=/review/")
    page.get_by_label("Username").fill("reviewer4")
    page.get_by_label("Password").fill("a-long-test-password-6")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/review/")
    assert page.evaluate("window.__violations") == []
    page.keyboard.press("j")  # review.js runs
    assert page.evaluate("document.activeElement.matches('article.proposal')")
    for path in [
        f"/review/claims/{claim.pk}/",
        f"/documents/{outcome.document.pk}/",
        "/reports/annual/?year=2023",
        "/frameworks/asean-china-sap-2021-2025/matrix/",
        "/admin/",
        "/admin/registry/event/",
        f"/admin/registry/event/{event.pk}/change/",
    ]:
        visit(path)
    # picker.js and print.js ran: the picker's list and the Print button are there
    page.goto(live_server.url + f"/review/claims/{claim.pk}/")
    assert page.locator("input[name=other][role=combobox]").count() == 1
    page.goto(live_server.url + "/reports/annual/?year=2023")
    assert page.get_by_role("button", name="Print").is_visible()
    refused = [line for line in console if "Content Security Policy" in line]
    assert refused == []


def test_an_uploads_page_follows_its_files_without_reloading(page, live_server, tmp_path):
    from django.contrib.auth import get_user_model

    from envcoop.ingestion.jobs import run_queued_jobs
    from tests.review import samples

    uploader = get_user_model().objects.create_user(
        username="reviewer", password="a-long-test-password-3", is_staff=True
    )
    grant(uploader, "secretariat-reviewer")
    first, second = tmp_path / "asoen35.txt", tmp_path / "asoen36.txt"
    first.write_text(samples.ASOEN35_EN, encoding="utf-8")
    second.write_text(samples.ASOEN36_EN, encoding="utf-8")
    page.goto(live_server.url + "/accounts/login/?next=/documents/upload/")
    page.get_by_label("Username").fill("reviewer")
    page.get_by_label("Password").fill("a-long-test-password-3")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/documents/upload/")
    page.get_by_label("Documents").set_input_files([str(first), str(second)])
    page.get_by_role("button", name="Read the documents").click()
    page.wait_for_url("**/documents/uploads/**")
    assert page.locator('tr[data-state="queued"]').count() == 2
    run_queued_jobs()  # a worker reads them; the page shows it by itself
    page.wait_for_selector('tr[data-state="done"] >> nth=1', timeout=30_000)
    assert page.locator('tr[data-state="done"] a').count() == 2
    assert page.get_by_text("Every file has been read.").is_visible()
