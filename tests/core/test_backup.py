"""`envcoop backup` and `envcoop restore`, as an operator runs them.

A backup taken while another process writes is restored into a new database and every
table is compared (on the database of the run: SQLite, or PostgreSQL when DATABASE_URL
says so); a database that holds records is refused unless --force; damaged, foreign and
hostile archives are refused and change nothing.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
import tarfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import override_settings

from envcoop.core import backup
from envcoop.core.backup import BackupError, create_backup, read_archive, restore_backup
from envcoop.registry.models import Event, Organisation

ENVCOOP = Path(sys.executable).with_name("envcoop")
POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
ENGINE = "postgresql" if POSTGRES else "sqlite"

# Writes organisations, each with an area, one transaction each, until told to stop.
WRITER = """
import itertools, os, time
from pathlib import Path
from django.db import transaction
from envcoop.registry.models import Area, Organisation
stop, count = Path(os.environ["WRITER_STOP"]), Path(os.environ["WRITER_COUNT"])
area = Area.objects.order_by("pk").first()
deadline = time.monotonic() + 300
for number in itertools.count(1):
    if stop.exists() or time.monotonic() > deadline:
        break
    with transaction.atomic():
        organisation = Organisation.objects.create(key=f"writer-{number}", type="other")
        organisation.areas.add(area)
    count.with_suffix(".tmp").write_text(str(number))
    os.replace(count.with_suffix(".tmp"), count)  # whole, never half-written
    time.sleep(0.01)
"""


class Databases:
    """New, empty databases of the run's engine, each with a DATABASE_URL."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made: list[str] = []

    def new(self, name: str) -> str:
        if not POSTGRES:
            return f"sqlite:///{self.folder / name}.sqlite3"
        import psycopg

        base = os.environ["DATABASE_URL"]
        database = f"envcoop_backup_{os.getpid()}_{name}"
        with psycopg.connect(urlsplit(base)._replace(path="/postgres").geturl()) as admin:
            admin.autocommit = True
            admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
            admin.execute(f'CREATE DATABASE "{database}"')
        self.made.append(database)
        return urlsplit(base)._replace(path=f"/{database}").geturl()

    def drop_all(self) -> None:
        if not self.made:
            return
        import psycopg

        base = os.environ["DATABASE_URL"]
        with psycopg.connect(urlsplit(base)._replace(path="/postgres").geturl()) as admin:
            admin.autocommit = True
            for database in self.made:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def envcoop(url: str, var: Path, *arguments: str, check: bool = True, **extra: str):
    environment = {**os.environ, "DATABASE_URL": url, "ENVCOOP_VAR_DIR": str(var), **extra}
    result = subprocess.run(
        [str(ENVCOOP), *arguments], env=environment, capture_output=True, text=True, timeout=600
    )
    if check and result.returncode != 0:
        raise AssertionError(f"envcoop {' '.join(arguments)}: {result.stdout}{result.stderr}")
    return result


def table_rows(url: str) -> dict[str, Counter]:
    """Every row of every table, as a multiset per table."""
    if not POSTGRES:
        with sqlite3.connect(url.removeprefix("sqlite:///")) as database:
            names = [
                row[0]
                for row in database.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%'"
                )
            ]
            return {
                name: Counter(database.execute(f'SELECT * FROM "{name}"').fetchall())
                for name in names
            }
    import psycopg

    with psycopg.connect(url) as database:
        names = [
            row[0]
            for row in database.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
        ]
        return {
            name: Counter(
                row[0] for row in database.execute(f'SELECT t::text FROM "{name}" AS t').fetchall()
            )
            for name in names
        }


def writer_counts(url: str) -> tuple[int, int, int]:
    """(organisations, their area links, their history rows) written by WRITER."""
    queries = [
        "SELECT count(*) FROM registry_organisation WHERE key LIKE 'writer-%'",
        "SELECT count(*) FROM registry_organisation_areas WHERE organisation_id IN "
        "(SELECT id FROM registry_organisation WHERE key LIKE 'writer-%')",
        "SELECT count(*) FROM registry_historicalorganisation WHERE key LIKE 'writer-%'",
    ]
    if not POSTGRES:
        with sqlite3.connect(url.removeprefix("sqlite:///")) as database:
            return tuple(database.execute(query).fetchone()[0] for query in queries)  # type: ignore[return-value]
    import psycopg

    with psycopg.connect(url) as database:
        return tuple(database.execute(query).fetchone()[0] for query in queries)  # type: ignore[return-value]


def wait_for(path: Path, at_least: int, writer: subprocess.Popen) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        written = int(path.read_text() or 0) if path.exists() else 0
        if written >= at_least:
            return written
        assert writer.poll() is None, writer.communicate()
        time.sleep(0.05)
    raise AssertionError(f"the writer wrote fewer than {at_least} records in time")


@pytest.fixture(scope="module")
def taken(tmp_path_factory):
    """A backup taken while a writer process writes, and a new database it was restored to."""
    folder = tmp_path_factory.mktemp("backup")
    var = folder / "var"
    databases = Databases(folder)
    try:
        source = databases.new("source")
        envcoop(source, var, "migrate", "--noinput")
        envcoop(source, var, "load-demo")
        stop, count = folder / "stop", folder / "count"
        writer = subprocess.Popen(
            [str(ENVCOOP), "shell", "-c", WRITER],
            env={
                **os.environ,
                "DATABASE_URL": source,
                "ENVCOOP_VAR_DIR": str(var),
                "WRITER_STOP": str(stop),
                "WRITER_COUNT": str(count),
            },
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            before = wait_for(count, 20, writer)
            archive = folder / "during-writes.tar.gz"
            said = envcoop(source, var, "backup", "-o", str(archive)).stdout
            after = wait_for(count, wait_for(count, 0, writer) + 10, writer)
        finally:
            stop.touch()
            output, _ = writer.communicate(timeout=60)
        assert writer.returncode == 0, output
        restored = databases.new("restored")
        restore = envcoop(restored, var, "restore", str(archive))
        yield {
            "source": source,
            "restored": restored,
            "archive": archive,
            "var": var,
            "written": (before, after),
            "said": said + restore.stdout,
        }
    finally:
        databases.drop_all()


def test_a_backup_taken_during_writes_restores_every_table(taken):
    archive = taken["archive"]
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        assert sorted(tar.getnames()) == sorted(["manifest.json", *manifest["files"]])
    assert manifest["format"] == "envcoop-backup" and manifest["format_version"] == 1
    assert manifest["engine"] == ENGINE
    assert manifest["envcoop_version"]
    assert "registry.0001_initial" in manifest["migrations"]

    source, restored = table_rows(taken["source"]), table_rows(taken["restored"])
    assert set(restored) == set(source) == set(manifest["tables"])
    # the restored database is the backup: each table has the rows the manifest counted
    assert {name: sum(rows.values()) for name, rows in restored.items()} == manifest["tables"]
    assert manifest["tables"]["registry_event"] >= 5  # the demo's events

    # the writer only added records: every restored row is a row of the source, and only
    # the tables it writes differ
    written_to = {"registry_organisation", "registry_organisation_areas"}
    for name, rows in restored.items():
        if name.startswith("search_fts"):
            continue  # SQLite's full-text index rewrites its own pages as it grows
        assert not rows - source[name], name
        if name not in written_to and "organisation" not in name and not name.startswith("search"):
            assert rows == source[name], name

    # one moment: the writer's transactions are there whole or not at all
    organisations, links, history = writer_counts(taken["restored"])
    all_organisations, _links, all_history = writer_counts(taken["source"])
    before, after = taken["written"]
    assert before <= organisations < after <= all_organisations
    assert links == organisations
    assert history * all_organisations == all_history * organisations
    assert f"{len(manifest['tables'])} tables" in taken["said"]


def test_a_database_that_holds_records_is_refused_unless_forced(taken):
    source, archive, var = taken["source"], taken["archive"], taken["var"]
    before = table_rows(source)
    refused = envcoop(source, var, "restore", str(archive), check=False)
    assert refused.returncode == 1
    assert "refused: this database already holds records" in refused.stderr
    assert "--force" in refused.stderr
    assert table_rows(source) == before

    envcoop(source, var, "restore", str(archive), "--force")
    assert table_rows(source) == table_rows(taken["restored"])


@pytest.mark.django_db(transaction=True)
def test_stored_files_go_into_the_archive_and_come_back(tmp_path, settings):
    from envcoop.registry.data.loader import load_demo

    load_demo()
    media = tmp_path / "media"
    (media / "documents" / "2024").mkdir(parents=True)
    (media / "documents" / "2024" / "minutes.pdf").write_bytes(b"%PDF-1.7 minutes")
    (media / "รายงาน.txt").write_text("รายงานการประชุม")
    (media / "link").symlink_to("/etc/passwd")
    settings.MEDIA_ROOT = str(media)
    archive = tmp_path / "with-media.tar.gz"
    outcome = create_backup(archive)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert outcome.manifest["media"] == {"files": 2, "bytes": 16 + len("รายงานการประชุม".encode())}
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert {"media/documents/2024/minutes.pdf", "media/รายงาน.txt"} <= names
    assert "media/link" not in names  # a link is not a stored file

    settings.MEDIA_ROOT = str(tmp_path / "new-media")
    restore_backup(archive, force=True)
    restored = tmp_path / "new-media"
    assert (restored / "documents" / "2024" / "minutes.pdf").read_bytes() == b"%PDF-1.7 minutes"
    assert (restored / "รายงาน.txt").read_text() == "รายงานการประชุม"
    assert Event.objects.filter(key="amme-17").exists()


@pytest.mark.django_db(transaction=True)
def test_without_media_root_only_the_database_is_saved(tmp_path):
    with override_settings(MEDIA_ROOT=""):
        outcome = create_backup(tmp_path / "b.tar.gz")
    assert outcome.manifest["media"] == {"files": 0, "bytes": 0}
    assert list(outcome.manifest["files"]) == [backup.DATABASE_MEMBER[ENGINE]]


# --- damaged, foreign and hostile archives ------------------------------------------


def tiny_database() -> bytes:
    """A small SQLite file that reads as a database (PostgreSQL runs take any bytes)."""
    if POSTGRES:
        return b"PGDMP pretend dump"
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"envcoop-tiny-{os.getpid()}.sqlite3"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as database:
        database.execute("CREATE TABLE django_migrations (id INTEGER, app TEXT, name TEXT)")
    data = path.read_bytes()
    path.unlink()
    return data


def manifest_for(files: dict[str, bytes], **changes: object) -> dict:
    import hashlib

    manifest = {
        "format": "envcoop-backup",
        "format_version": 1,
        "engine": ENGINE,
        "created": "2024-01-01T00:00:00+00:00",
        "envcoop_version": "0.1.0",
        "migrations": ["registry.0001_initial"],
        "tables": {"django_migrations": 0},
        "media": {"files": 0, "bytes": 0},
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
    }
    manifest.update(changes)
    return manifest


def write_archive(path: Path, members: list[tuple[tarfile.TarInfo, bytes]]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for info, data in members:
            if info.isfile():
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            else:
                tar.addfile(info)
    return path


def member(name: str, kind: bytes = tarfile.REGTYPE, target: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = target
    return info


def archive_of(path: Path, files: dict[str, bytes], manifest: dict | None = None, extra=()):
    manifest = manifest or manifest_for(files)
    members = [(member(name), data) for name, data in files.items()]
    members += list(extra)
    members.append((member("manifest.json"), json.dumps(manifest).encode()))
    return write_archive(path, members)


DATABASE = backup.DATABASE_MEMBER[ENGINE]


def hostile_archives(folder: Path) -> dict[str, tuple[Path, str]]:
    database = tiny_database()
    good = {DATABASE: database}
    valid = archive_of(folder / "valid.tar.gz", good)
    truncated = folder / "truncated.tar.gz"
    truncated.write_bytes(valid.read_bytes()[: len(valid.read_bytes()) // 2])
    foreign = folder / "foreign.tar.gz"
    write_archive(foreign, [(member("backup.sql"), b"CREATE TABLE x (y int);")])
    noise = folder / "noise.tar.gz"
    noise.write_bytes(os.urandom(4096))
    other_engine = "sqlite" if POSTGRES else "postgresql"
    evil = b"owned"
    cases = {
        "not an archive": (noise, "not a readable envcoop backup"),
        "cut short": (truncated, "not a readable envcoop backup"),
        "someone else's archive": (foreign, "not part of an envcoop backup"),
        "no manifest": (
            write_archive(folder / "no-manifest.tar.gz", [(member(DATABASE), database)]),
            "no manifest.json",
        ),
        "manifest not JSON": (
            write_archive(
                folder / "bad-json.tar.gz",
                [(member(DATABASE), database), (member("manifest.json"), b"{not json")],
            ),
            "cannot be read",
        ),
        "another format": (
            archive_of(folder / "format.tar.gz", good, manifest_for(good, format="other-app")),
            "not an envcoop backup",
        ),
        "a newer format": (
            archive_of(folder / "v99.tar.gz", good, manifest_for(good, format_version=99)),
            "restore it with a newer envcoop",
        ),
        "another engine": (
            archive_of(
                folder / "engine.tar.gz",
                {backup.DATABASE_MEMBER[other_engine]: database},
                manifest_for({backup.DATABASE_MEMBER[other_engine]: database}, engine=other_engine),
            ),
            f"backup of a {other_engine} database",
        ),
        "a newer envcoop's migrations": (
            archive_of(
                folder / "newer.tar.gz",
                good,
                manifest_for(good, migrations=["registry.9999_from_the_future"]),
            ),
            "upgrade envcoop first",
        ),
        "damaged database": (
            archive_of(
                folder / "damaged.tar.gz",
                {DATABASE: database[:-1] + b"!"},
                manifest_for(good),
            ),
            "damaged",
        ),
        "path out of the folder": (
            archive_of(folder / "dotdot.tar.gz", good, extra=[(member("../../evil.txt"), evil)]),
            "outside its folder",
        ),
        "path inside media out of the folder": (
            archive_of(
                folder / "dotdot-media.tar.gz", good, extra=[(member("media/../../evil"), evil)]
            ),
            "outside its folder",
        ),
        "absolute path": (
            archive_of(
                folder / "absolute.tar.gz", good, extra=[(member(str(folder / "evil")), evil)]
            ),
            "outside its folder",
        ),
        "symbolic link": (
            archive_of(
                folder / "symlink.tar.gz",
                good,
                extra=[(member("media/passwd", tarfile.SYMTYPE, "/etc/passwd"), b"")],
            ),
            "not a plain file",
        ),
        "hard link": (
            archive_of(
                folder / "hardlink.tar.gz",
                good,
                extra=[(member("media/passwd", tarfile.LNKTYPE, "/etc/passwd"), b"")],
            ),
            "not a plain file",
        ),
        "device": (
            archive_of(
                folder / "device.tar.gz", good, extra=[(member("media/dev", tarfile.CHRTYPE), b"")]
            ),
            "not a plain file",
        ),
        "a file the manifest does not list": (
            archive_of(folder / "unlisted.tar.gz", good, extra=[(member("media/x.pdf"), evil)]),
            "does not list",
        ),
        "a listed file missing": (
            archive_of(
                folder / "missing.tar.gz", good, manifest_for({**good, "media/gone.pdf": evil})
            ),
            "lacks",
        ),
        "the same member twice": (
            archive_of(folder / "twice.tar.gz", good, extra=[(member(DATABASE), database)]),
            "twice",
        ),
    }
    if not POSTGRES:
        garbage = b"this is not SQLite at all" * 10
        cases["not a database"] = (
            archive_of(folder / "garbage.tar.gz", {DATABASE: garbage}),
            "damaged",
        )
    return cases


def test_a_well_made_archive_reads(tmp_path):
    database = tiny_database()
    valid = archive_of(tmp_path / "valid.tar.gz", {DATABASE: database})
    unpacked = tmp_path / "unpacked"
    unpacked.mkdir()
    manifest = read_archive(valid, unpacked, engine=ENGINE)
    assert manifest["engine"] == ENGINE
    assert (unpacked / DATABASE).read_bytes() == database


@pytest.mark.django_db
def test_damaged_foreign_and_hostile_archives_are_refused_and_change_nothing(tmp_path):
    folder = tmp_path / "archives"
    folder.mkdir()
    cases = hostile_archives(folder)
    tables = sorted(connection.introspection.table_names())
    before = (Event.objects.count(), Organisation.objects.count(), len(tables))
    outside = set(tmp_path.parent.iterdir())
    for name, (archive, said) in cases.items():
        with pytest.raises(BackupError) as refused:
            restore_backup(archive, force=True)
        assert said in str(refused.value), (name, str(refused.value))
        result = (
            subprocess.run(
                [str(ENVCOOP), "restore", str(archive)], capture_output=True, text=True, timeout=120
            )
            if name == "path out of the folder"
            else None
        )
        if result is not None:
            assert result.returncode == 1 and "outside its folder" in result.stderr
    assert (Event.objects.count(), Organisation.objects.count(), len(tables)) == before
    assert sorted(connection.introspection.table_names()) == tables
    assert set(tmp_path.parent.iterdir()) == outside
    assert not list(tmp_path.rglob("evil*"))
    assert not Path("/tmp/evil.txt").exists()
