"""The list of names missing in the report's language, and the form that adds one in place,
asked for by each persona: a visitor, a member with no rights, the focal point of a country
the record involves, another country's focal point, and the Secretariat's reviewer.

The demo's ASEAN–United States dialogue (held in Indonesia, with the United States) has no
Thai name; Indonesia's focal point may give it one, Thailand's may not."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from envcoop.accounts.scope import countries_of
from envcoop.registry.models import Event, Label, Priority
from envcoop.reports.annual import annual_report
from tests.conftest import grant

pytestmark = pytest.mark.django_db
PAGE = "/th/reports/annual/names/"
REPORT = "/th/reports/annual/"
YEAR = {"year": "2023"}


def focal_point(code: str) -> Client:
    user = get_user_model().objects.create_user(username=f"focal-{code}", password="x-1-not-real")
    grant(user, "focal-point", country=code)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def dialogue() -> Event:
    event = Event.objects.get(key="asean-us-dialogue-2023")
    involved = countries_of(Event, [event.pk])[event.pk]
    assert "ID" in involved and "TH" not in involved  # the premise of these tests
    assert "th" not in event.names()
    return event


def thai_names(record) -> list[str]:
    return list(
        Label.objects.filter(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            kind="name",
            lang="th",
        ).values_list("text", flat=True)
    )


def entry(html: str, anchor: str) -> str:
    """The part of the list page about one record (up to the next record or the list's end)."""
    start = html.index(f'id="{anchor}"')
    ends = [i for i in (html.find('id="missing-', start + 1), html.find("</ol>", start)) if i > 0]
    return html[start : min(ends)]


def post(client: Client, record, text: str, kind: str = "event"):
    return client.post(PAGE, {**YEAR, "kind": kind, "key": record.key, "text": text})


def test_a_visitor_is_sent_to_sign_in_and_writes_nothing(client, dialogue):
    page = client.get(PAGE, YEAR)
    assert page.status_code == 302 and "/login/" in page["Location"]
    assert post(client, dialogue, "ชื่อ").status_code == 302
    assert thai_names(dialogue) == []
    assert PAGE not in client.get(REPORT, YEAR).content.decode()  # no way in offered


def test_a_member_without_a_role_is_refused(member_client, dialogue):
    assert member_client.get(PAGE, YEAR).status_code == 403
    assert post(member_client, dialogue, "ชื่อ").status_code == 403
    assert thai_names(dialogue) == []
    assert PAGE not in member_client.get(REPORT, YEAR).content.decode()


def test_the_focal_point_of_a_country_it_involves_adds_the_name_in_place(dialogue):
    indonesia = focal_point("ID")
    report = indonesia.get(REPORT, YEAR).content.decode()
    link = re.search(r'href="(/th/reports/annual/names/\?[^"]+)"', report)
    assert link and "year=2023" in link.group(1)
    page = indonesia.get(link.group(1).replace("&amp;", "&"))
    assert page.status_code == 200
    html = page.content.decode()
    expected = {(m.kind, m.key) for m in annual_report(2023, lang="th").missing}
    listed = set(re.findall(r'id="missing-(event|agreement|project|priority)-([a-z0-9-]+)"', html))
    assert listed == expected and ("event", dialogue.key) in listed
    assert 'name="text"' in entry(html, f"missing-event-{dialogue.key}")  # Indonesia's record
    regional = entry(html, "missing-priority-2024-one-health")  # the Secretariat's to name
    assert "2024-one-health" in regional and 'name="text"' not in regional
    answer = post(indonesia, dialogue, "  การหารือด้านสิ่งแวดล้อมอาเซียน–สหรัฐอเมริกา 2566 ")
    assert answer.status_code == 302 and answer["Location"].startswith(PAGE)
    assert thai_names(dialogue) == ["การหารือด้านสิ่งแวดล้อมอาเซียน–สหรัฐอเมริกา 2566"]
    after = indonesia.get(answer["Location"]).content.decode()
    assert f'id="missing-event-{dialogue.key}"' not in after
    thai = annual_report(2023, lang="th")
    assert ("event", dialogue.key) not in {(m.kind, m.key) for m in thai.missing}
    (statement,) = [
        s
        for section in thai.sections
        for block in section.blocks
        for s in block.statements
        if s.url.endswith(f"/{dialogue.key}/")
    ]
    assert statement.name.lang == "th" and statement.text.startswith("การหารือ")


def test_another_countrys_focal_point_sees_the_list_but_may_not_name_it(dialogue):
    thailand = focal_point("TH")
    html = thailand.get(PAGE, YEAR).content.decode()
    listed = entry(html, f"missing-event-{dialogue.key}")
    assert dialogue.key in listed and 'name="text"' not in listed
    assert post(thailand, dialogue, "ชื่อที่ไม่ควรบันทึก").status_code == 403
    assert thai_names(dialogue) == []


def test_the_secretariat_names_any_record_and_is_told_of_mistakes(staff_client, dialogue):
    priority = Priority.objects.get(key="2024-one-health")
    assert countries_of(Priority, [priority.pk])[priority.pk] == set()
    html = staff_client.get(PAGE, YEAR).content.decode()
    assert html.count('name="text"') == len(annual_report(2023, lang="th").missing)
    assert post(staff_client, priority, "ความริเริ่มสุขภาพหนึ่งเดียว", "priority").status_code == 302
    assert thai_names(priority) == ["ความริเริ่มสุขภาพหนึ่งเดียว"]
    again = post(staff_client, priority, "อีกชื่อหนึ่ง", "priority")  # it has one now
    assert again.status_code == 302 and thai_names(priority) == ["ความริเริ่มสุขภาพหนึ่งเดียว"]
    empty = post(staff_client, dialogue, "   ")
    assert empty.status_code == 400 and thai_names(dialogue) == []
    unknown = staff_client.post(PAGE, {**YEAR, "kind": "event", "key": "no-such", "text": "x"})
    assert unknown.status_code == 404
    assert staff_client.get(PAGE, {"year": "abc"}).status_code == 400
