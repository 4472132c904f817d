"""Shared fixtures: the demo registry loaded once per test database, and personas.

Every test runs against a real database (SQLite by default, PostgreSQL when
DATABASE_URL points at one; see scripts/run-tests). Reference data arrives with
migrate; the demo data is loaded once when the test database is created, so each
test starts from the same populated registry and rolls back what it changes.

Personas: ``staff`` is a superuser (a Secretariat administrator); ``member`` is a
signed-in user without a role; anonymous visitors use ``client``. ``personas`` gives
a client for each role of issue 13 (``grant`` gives a user a role).
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from envcoop.accounts.models import Membership, Role
from envcoop.registry.data.loader import load_demo
from envcoop.registry.models import Country, Organisation


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """The original files of documents go to the test's own folder (never var/media)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    """A fast password hash in tests (personas make seven users per test); the hashers
    used in production are Django's defaults."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user(
        username="officer", password="not-a-real-password-1", is_staff=True, is_superuser=True
    )


@pytest.fixture
def member(db):
    return get_user_model().objects.create_user(username="reader", password="not-a-real-password-2")


@pytest.fixture
def staff_client(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def member_client(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


def grant(user, role: str, *, country: str | None = None, organisation: str | None = None):
    """Give ``user`` a role (in a country or an organisation, by code or key)."""
    Membership.objects.create(
        user=user,
        role=role,
        country=Country.objects.get(code=country) if country else None,
        organisation=Organisation.objects.get(key=organisation) if organisation else None,
    )
    return user


def user_with(username: str, role: str | None = None, **scope: str):
    user = get_user_model().objects.create_user(
        username=username,
        password=f"{username}-not-a-real-password",
        email=f"{username}@example.org",
    )
    if role:
        grant(user, role, **scope)
    return user


# Partner persona: an organisation of the demo registry (China's CAEC when it is there).
PARTNER_ORGANISATION = "cn-caec"

PERSONAS = {
    "anonymous": None,
    "focal_th": (Role.FOCAL_POINT, {"country": "TH"}),
    "focal_vn": (Role.FOCAL_POINT, {"country": "VN"}),
    "contributor_th": (Role.CONTRIBUTOR, {"country": "TH"}),
    "partner": (Role.PARTNER, {"organisation": PARTNER_ORGANISATION}),
    "reviewer": (Role.SECRETARIAT_REVIEWER, {}),
    "administrator": (Role.SECRETARIAT_ADMIN, {}),
}


@pytest.fixture
def personas(db) -> dict[str, Client]:
    """A client per persona: anonymous, TH and VN focal points, a TH contributor, a
    partner, a Secretariat reviewer and an administrator (``client.user`` is the user)."""
    clients: dict[str, Client] = {}
    for name, spec in PERSONAS.items():
        client = Client()
        client.user = None  # type: ignore[attr-defined]
        if spec is not None:
            role, scope = spec
            client.user = user_with(name.replace("_", "-"), role, **scope)  # type: ignore[attr-defined]
            client.force_login(client.user)  # type: ignore[attr-defined]
        clients[name] = client
    return clients
