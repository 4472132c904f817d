"""Pages cost the same number of queries however many records they list (no N+1)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from envcoop.registry.services.events import event_upsert
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.organisations import organisation_upsert
from envcoop.registry.services.projects import project_upsert

pytestmark = pytest.mark.django_db


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _add_records(count: int, offset: int) -> None:
    for number in range(offset, offset + count):
        organisation_upsert(
            key=f"t-q-org-{number}", type="ministry", country="TH", parent="th-mnre",
            names=NameSet(names={"en": f"Org {number}", "th": f"หน่วยงาน {number}"}, original="th"),
        )  # fmt: skip
        event_upsert(
            key=f"t-q-event-{number}", series="asoen", ordinal=100 + number, start=f"20{10 + number}",
            host_countries=["TH"], host_organisations=[f"t-q-org-{number}"], areas=["biodiversity"],
            names=NameSet(names={"en": f"Event {number}"}),
        )  # fmt: skip
        project_upsert(
            key=f"t-q-project-{number}", actual_start="2020", fund="asean-china-maritime-cooperation-fund",
            recipient_countries=["TH", "CN"], areas=["marine-coastal"],
            participating_organisations={"implementing": [f"t-q-org-{number}"]},
            names=NameSet(names={"en": f"Project {number}"}),
        )  # fmt: skip


PUBLIC = [
    "web:home",
    "web:events",
    "web:projects",
    "web:organisations",
    "web:frameworks",
    "web:agreements",
]
ADMIN = [
    "admin:registry_event_changelist",
    "admin:registry_organisation_changelist",
    "admin:registry_project_changelist",
    "admin:registry_event_add",
]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages(client: Client, name):
    _add_records(2, 0)
    before = _queries(client, reverse(name))
    _add_records(8, 2)
    assert _queries(client, reverse(name)) == before


@pytest.mark.parametrize("name", ADMIN)
def test_admin_pages(staff_client: Client, name):
    _add_records(2, 0)
    before = _queries(staff_client, reverse(name))
    _add_records(8, 2)
    assert _queries(staff_client, reverse(name)) == before
