"""Every page, in every interface language, on the demo registry."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from envcoop.registry.models import (
    Agreement,
    Area,
    Country,
    Event,
    Framework,
    Fund,
    Organisation,
    Project,
)
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.organisations import organisation_upsert

pytestmark = pytest.mark.django_db
LANGUAGES = ["en", "th", "vi"]

# Each list page and the heading (msgid) it must show, translated.
LIST_PAGES = [
    ("web:home", "Environmental cooperation dashboard"),
    ("web:frameworks", "Frameworks"),
    ("web:projects", "Projects"),
    ("web:events", "Events"),
    ("web:agreements", "Agreements"),
    ("web:organisations", "Organisations"),
    ("web:countries", "Countries"),
    ("web:areas", "Areas of cooperation"),
    ("web:priorities", "Priorities and emerging issues"),
]


def _url(name: str, lang: str, *args: str) -> str:
    with translation.override(lang):
        return reverse(name, args=args)


def _h1(content: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", content, re.S)
    assert match, "page has no h1"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("name", "heading"), LIST_PAGES)
def test_list_pages_have_a_translated_heading(client: Client, name, heading, lang):
    response = client.get(_url(name, lang))
    assert response.status_code == 200
    content = response.content.decode()
    assert f'<html lang="{lang}">' in content
    with translation.override(lang):
        expected = gettext(heading)
    if lang != "en":
        assert expected != heading, f"no {lang} translation for {heading!r}"
    assert _h1(content) == expected


def _detail_urls() -> list[tuple[str, str]]:
    urls: list[tuple[str, str]] = []
    for model, name, attr in [
        (Framework, "web:framework", "key"),
        (Project, "web:project", "key"),
        (Fund, "web:fund", "key"),
        (Event, "web:event", "key"),
        (Agreement, "web:agreement", "key"),
        (Organisation, "web:organisation", "key"),
        (Country, "web:country", "code"),
        (Area, "web:area", "code"),
    ]:
        for value in model.objects.values_list(attr, flat=True):
            urls.append((name, value))
    return urls


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_record_page_renders_in_every_language(client: Client, lang):
    urls = _detail_urls()
    assert len(urls) > 60
    for name, value in urls:
        response = client.get(_url(name, lang, value))
        assert response.status_code == 200, (name, value)
        assert f'<html lang="{lang}">' in response.content.decode()


def test_record_pages_read_in_the_readers_language(client: Client):
    thai = client.get(_url("web:event", "th", "amme-17")).content.decode()
    assert "การประชุมรัฐมนตรีอาเซียนด้านสิ่งแวดล้อม ครั้งที่ 17" in _h1(thai)
    assert "22–24 ส.ค. 2566" in thai  # Buddhist era
    assert "<h2>Outcomes</h2>" in client.get(_url("web:event", "en", "amme-17")).content.decode()
    vietnamese = client.get(_url("web:event", "vi", "amme-17")).content.decode()
    assert _h1(vietnamese) == "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17"
    assert "Kết quả" in vietnamese
    # no Vietnamese name: English, marked as English for the browser
    week = client.get(_url("web:event", "vi", "asean-china-cooperation-week-2022")).content.decode()
    assert '<span lang="en">ASEAN–China Environmental Cooperation Week 2022</span>' in week
    framework = client.get(
        _url("web:framework", "vi", "asean-china-sap-2021-2025")
    ).content.decode()
    assert "Biến đổi khí hậu và cải thiện chất lượng không khí" in framework


def test_language_switch_links_lead_to_the_same_page(client: Client):
    content = client.get(_url("web:event", "th", "amme-17")).content.decode()
    assert '<link rel="alternate" hreflang="en" href="/events/amme-17/">' in content
    assert 'href="/language/vi/?next=%2Fth%2Fevents%2Famme-17%2F"' in content
    response = client.get("/language/en/", {"next": "/th/events/amme-17/?x=1"})
    assert response.status_code == 302 and response["Location"] == "/events/amme-17/?x=1"
    assert response.cookies["django_language"].value == "en"


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [("https://evil.example/", "/th/"), ("//evil.example/", "/th/"), ("/vi/areas/", "/th/areas/")],
)
def test_the_language_switch_stays_on_this_site(client: Client, next_url, expected):
    response = client.get("/language/th/", {"next": next_url})
    assert response.status_code == 302 and response["Location"] == expected
    assert client.get("/language/klingon/", {"next": "/areas/"})["Location"] == "/areas/"


def test_a_first_visit_follows_the_browsers_language(client: Client):
    response = client.get("/events/?year=2023", HTTP_ACCEPT_LANGUAGE="th-TH,th;q=0.9,en;q=0.5")
    assert response.status_code == 302 and response["Location"] == "/th/events/?year=2023"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="vi")["Location"] == "/vi/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr").status_code == 200
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB").status_code == 200
    assert "Accept-Language" in client.get("/")["Vary"]
    # once English is chosen, English stays
    client.get("/language/en/", {"next": "/"})
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="th").status_code == 200


def test_filters_narrow_the_list(client: Client):
    content = client.get(_url("web:events", "en"), {"year": "2022"}).content.decode()
    assert "ASEAN–China Environmental Cooperation Week 2022" in content
    assert "17th ASEAN Ministerial Meeting" not in content
    content = client.get(_url("web:projects", "en"), {"area": "biodiversity"}).content.decode()
    assert "Marine Endangered Species Researches" in content
    assert "Promotion of Blue Economy in Trat" not in content


def test_thai_readers_may_filter_by_buddhist_era_year(client: Client):
    content = client.get(_url("web:events", "th"), {"year": "2565"}).content.decode()
    assert "สัปดาห์ความร่วมมือด้านสิ่งแวดล้อมอาเซียน-จีน" in content
    assert "ครั้งที่ 17" not in content


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "99999999999999999999"},
        {"area": "<script>alert(1)</script>"},
        {"country": "ZZ"},
        {"status": "'; DROP TABLE registry_event; --"},
        {"page": "-1"},
        {"page": "9999"},
        {"when": "tomorrow", "series": "nope"},
    ],
)
def test_bad_filter_values_get_a_message_not_an_error(client: Client, params):
    for name in [
        "web:events",
        "web:projects",
        "web:agreements",
        "web:frameworks",
        "web:organisations",
    ]:
        response = client.get(_url(name, "en"), params)
        assert response.status_code == 200
        content = response.content.decode()
        assert "<script>alert(1)</script>" not in content


def test_a_wrong_filter_is_explained(client: Client):
    content = client.get(_url("web:events", "en"), {"year": "abc"}).content.decode()
    assert 'class="error"' in content and "Write the year in digits" in content
    assert "is not applied" in content
    content = client.get(_url("web:events", "vi"), {"area": "nowhere"}).content.decode()
    assert 'class="error"' in content


def test_names_are_escaped(client: Client):
    organisation_upsert(
        key="t-hostile", type="other", names=NameSet(names={"en": '<img src=x onerror="alert(1)">'})
    )
    for url in [_url("web:organisations", "en"), _url("web:organisation", "en", "t-hostile")]:
        content = client.get(url).content.decode()
        assert '<img src=x onerror="alert(1)">' not in content
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in content


def test_pagination(client: Client):
    for number in range(60):
        organisation_upsert(
            key=f"t-org-{number:02d}",
            type="agency",
            names=NameSet(names={"en": f"Org {number:02d}"}),
        )
    first = client.get(_url("web:organisations", "en"), {"kind": "agency"}).content.decode()
    assert "Page 1 of 2" in first and 'rel="next"' in first
    second = client.get(
        _url("web:organisations", "en"), {"kind": "agency", "page": "2"}
    ).content.decode()
    assert "Page 2 of 2" in second and "kind=agency" in second


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unknown_pages_get_a_translated_404(client: Client, lang):
    for url in [
        _url("web:event", lang, "no-such-event"),
        _url("web:country", lang, "ZZ"),
        _url("web:area", lang, "outer-space"),
        f"/{'' if lang == 'en' else lang + '/'}nothing-here/",
    ]:
        response = client.get(url)
        assert response.status_code == 404
        with translation.override(lang):
            assert gettext("Not found") in response.content.decode()


def test_pages_load_nothing_from_other_hosts(client: Client):
    content = client.get(_url("web:home", "en")).content.decode()
    for reference in re.findall(r'(?:src|href)="([^"]+)"', content):
        assert not reference.startswith(("http://", "https://", "//")), reference


def test_every_dashboard_figure_matches_the_list_it_links_to(client: Client):
    """The figures on the home page are the lengths of the lists behind their links."""
    content = client.get("/").content.decode()
    links = re.findall(r'<td><a href="(/[a-z]+/\?[a-z]+=[^"]+)">([\d,]+)</a></td>', content)
    assert len(links) >= 8 * 4  # every area, and more
    for url, figure in links:
        listed = client.get(html.unescape(url)).content.decode()
        count = re.search(r'<p class="count">([\d,]+) records?</p>', listed)
        assert count, url
        assert count.group(1) == figure, (url, figure, count.group(1))


def test_fund_list_and_filter(client: Client):
    content = client.get(_url("web:funds", "en")).content.decode()
    assert "ASEAN–China Maritime Cooperation Fund" in content
    listed = client.get(
        _url("web:projects", "en"), {"fund": "asean-china-maritime-cooperation-fund"}
    )
    assert '<p class="count">4 records</p>' in listed.content.decode()


def test_country_pages_refuse_odd_codes(client: Client):
    for url in [
        "/countries/%00/",
        "/countries/T/",
        "/countries/THA/",
        "/countries/%E0%B8%81%E0%B8%82/",
    ]:
        assert client.get(url).status_code == 404
    assert client.get("/countries/th/").status_code == 200


def test_countries_are_listed_by_name_in_each_group(client: Client):
    content = client.get(_url("web:countries", "en")).content.decode()
    asean = content.split("ASEAN member state", 1)[1].split("</section>", 1)[0]
    names = re.findall(r'<a href="/countries/[A-Z]{2}/">([^<]+)</a>', asean)
    assert names == sorted(names, key=str.casefold)
    assert names[0] == "Brunei" and "Myanmar" in names
    assert "ASEAN Plus Three partner" in content
