"""Shared fixtures: the demo registry loaded once per test database, and personas.

Every test runs against a real database (SQLite by default, PostgreSQL when
DATABASE_URL points at one; see scripts/run-tests). Reference data arrives with
migrate; the demo data is loaded once when the test database is created, so each
test starts from the same populated registry and rolls back what it changes.

Personas (after healthchecks): ``staff`` may use the admin; ``member`` is a
signed-in user without staff rights; anonymous visitors use ``client``.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from envcoop.registry.data.loader import load_demo


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo()


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
