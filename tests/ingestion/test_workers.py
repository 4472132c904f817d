"""Real `envcoop worker` processes on a database of their own (a SQLite file, or a new
database on the PostgreSQL server of DATABASE_URL): two workers never read the same
document twice; a worker killed inside a document's transaction leaves nothing written,
and the next worker reads the document again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import dj_database_url
import pytest

from envcoop.ingestion.jobs import TEST_SLEEP_VARIABLE

ENVCOOP = Path(sys.executable).with_name("envcoop")

REPORT = """
import json
from envcoop.accounts.models import Action, Activity
from envcoop.ingestion.models import Claim, Document, Passage, ReadingJob
print("REPORT " + json.dumps({
    "jobs": sorted(ReadingJob.objects.values_list("state", "attempts", "outcome")),
    "documents": Document.objects.count(),
    "passages": Passage.objects.count(),
    "claims": Claim.objects.count(),
    "logged": Activity.objects.filter(action=Action.UPLOAD).count(),
}))
"""


def _text(n: int) -> str:
    return (
        f"Note {n} on the ASEAN Working Group on Climate Change\n\n"
        f"The {n + 10}th Meeting of the ASEAN Working Group on Climate Change was held in "
        f"Bangkok, Thailand, on {n + 1} March 2024.\n"
    )


@pytest.fixture
def database(tmp_path: Path):
    """The environment of a fresh, migrated database for the processes of one test."""
    env = {
        **os.environ,
        "ENVCOOP_VAR_DIR": str(tmp_path / "var"),
        "ENVCOOP_MEDIA_DIR": str(tmp_path / "media"),
    }
    env.pop(TEST_SLEEP_VARIABLE, None)
    url = os.environ.get("DATABASE_URL", "")
    dropped = None
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        name = f"envcoop_workers_{uuid.uuid4().hex[:12]}"
        config = dj_database_url.parse(url)
        params = {
            "dbname": "postgres",  # (the server's own: DATABASE_URL's may not exist)
            "user": config.get("USER") or None,
            "password": config.get("PASSWORD") or None,
            "host": config.get("HOST") or None,
            "port": config.get("PORT") or None,
        }
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name

        def dropped() -> None:
            with psycopg.connect(**params, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        env.pop("DATABASE_URL", None)
    try:
        _run(env, "migrate", "--noinput")
        yield env
    finally:
        if dropped is not None:
            dropped()


def _run(env: dict, *args: str) -> str:
    result = subprocess.run(
        [str(ENVCOOP), *args], env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _report(env: dict) -> dict:
    out = _run(env, "shell", "--no-imports", "-c", REPORT)
    line = next(line for line in out.splitlines() if line.startswith("REPORT "))
    return json.loads(line.removeprefix("REPORT "))


def _queue(env: dict, folder: Path, count: int) -> None:
    folder.mkdir()
    for n in range(count):
        (folder / f"note-{n}.txt").write_text(_text(n), encoding="utf-8")
    out = _run(env, "ingest", "--queue", str(folder))
    assert out.count("queued     ") == count


def test_two_workers_never_read_the_same_document_twice(database, tmp_path: Path):
    _queue(database, tmp_path / "notes", 6)
    # each document takes a moment, so both workers are busy at the same time
    env = {**database, TEST_SLEEP_VARIABLE: "0.3"}
    workers = [
        subprocess.Popen(
            [str(ENVCOOP), "worker", "--until-empty"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [worker.communicate(timeout=600)[0] for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], outputs
    report = _report(database)
    assert report["jobs"] == [["done", 1, "stored"]] * 6  # each claimed once
    assert report["documents"] == 6 and report["logged"] == 6
    assert report["claims"] > 0


def test_a_worker_killed_mid_document_leaves_nothing_and_the_next_reads_it(
    database, tmp_path: Path
):
    _queue(database, tmp_path / "notes", 1)
    killed = subprocess.Popen(
        [str(ENVCOOP), "worker", "--until-empty"],
        env={**database, TEST_SLEEP_VARIABLE: "600"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for line in killed.stdout:  # the document's rows are written, not committed
            if "pausing inside the document's transaction" in line:
                break
        else:
            pytest.fail("the worker ended before reading the document")
        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=60)
    finally:
        if killed.poll() is None:
            killed.kill()
            killed.wait()
    report = _report(database)
    assert report["jobs"] == [["reading", 1, ""]]
    assert (report["documents"], report["passages"], report["claims"], report["logged"]) == (
        0,
        0,
        0,
        0,
    )
    # the dead worker is not seen for longer than ENVCOOP_WORKER_DEAD_AFTER: the next
    # worker queues its document again and reads it
    time.sleep(2)
    out = _run({**database, "ENVCOOP_WORKER_DEAD_AFTER": "1"}, "worker", "--until-empty")
    assert "queued again (left by a dead worker): 1" in out
    report = _report(database)
    assert report["jobs"] == [["done", 2, "stored"]]
    assert report["documents"] == 1 and report["logged"] == 1 and report["claims"] > 0
