"""/healthz and /readyz: what a load balancer or a container engine asks."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client, override_settings
from django.utils import timezone

from envcoop.core import health

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _a_worker_is_alive(db):
    """A worker said it is alive just now (the checks of the database and migrations are
    what most tests here are about)."""
    from envcoop.ingestion.models import WorkerBeat

    WorkerBeat.objects.create(worker="test-worker", seen_at=timezone.now())


def test_readyz_fails_when_no_worker_said_it_is_alive(client):
    from envcoop.ingestion.models import WorkerBeat

    WorkerBeat.objects.all().delete()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["status"] == "failing"


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
        assert client.get("/healthz").status_code == 200


def test_readyz_is_ready_with_the_database_and_every_migration(client):
    response = client.get("/readyz", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["migrations"]["status"] == "ok"
    # the worker's heartbeat (this module's fixture) was just now
    assert body["checks"]["worker"]["status"] == "ok"
    assert health.worker_last_seen() is not None
    assert "no-store" in response["Cache-Control"]


def test_readyz_says_so_when_the_database_cannot_be_reached(client):
    with mock.patch.object(
        connection, "cursor", side_effect=OperationalError("could not connect to db.internal")
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready"
    assert body["checks"]["database"]["status"] == "failing"
    assert "db.internal" not in response.content.decode()  # the details go to the log only
    assert body["checks"]["migrations"]["status"] == "unknown"


def test_readyz_says_so_while_a_migration_waits(client):
    latest = MigrationRecorder.Migration.objects.filter(app="registry").order_by("-id").first()
    MigrationRecorder(connection).record_unapplied("registry", latest.name)
    response = client.get("/readyz")
    assert response.status_code == 503
    migrations = response.json()["checks"]["migrations"]
    assert migrations["status"] == "failing"
    assert f"registry.{latest.name}" in migrations["waiting"]


SEEN: dict[str, object] = {}


def heartbeat():
    return SEEN["at"]


@pytest.mark.parametrize(
    ("seconds_ago", "status", "code"),
    [(5, "ok", 200), (120, "failing", 503), (None, "failing", 503)],
)
def test_readyz_reads_the_worker_heartbeat_when_there_is_one(client, seconds_ago, status, code):
    SEEN["at"] = None if seconds_ago is None else timezone.now() - timedelta(seconds=seconds_ago)
    with override_settings(ENVCOOP_WORKER_HEARTBEAT="tests.web.test_health.heartbeat"):
        response = client.get("/readyz")
        assert health.worker_last_seen() == SEEN["at"]
    assert response.status_code == code
    assert response.json()["checks"]["worker"]["status"] == status


def test_probes_are_not_redirected_to_https():
    with override_settings(
        SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=[r"^healthz$", r"^readyz$"]
    ):
        client = Client()
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200
        assert client.get("/events/").status_code == 301


def test_probes_answer_whatever_the_host_header_says(client):
    # a container engine or Kubernetes asks with an address ALLOWED_HOSTS leaves out
    assert client.get("/healthz", HTTP_HOST="10.1.2.3:8000").status_code == 200
    assert client.get("/readyz", HTTP_HOST="10.1.2.3:8000").status_code == 200
    assert client.get("/events/", HTTP_HOST="10.1.2.3:8000").status_code == 400
