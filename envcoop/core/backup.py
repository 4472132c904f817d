"""Backups of a whole envcoop: the database and the stored files, in one archive.

An archive is a tar.gz, created readable by its owner only (0600), holding:

- ``manifest.json``: ``format`` ("envcoop-backup"), ``format_version``, ``engine``
  ("sqlite" or "postgresql"), ``created`` (UTC), ``envcoop_version``, ``migrations``
  (every migration applied), ``tables`` (rows per table), ``media`` (files and bytes)
  and ``files`` (the SHA-256 of every other member);
- ``database.sqlite3`` (SQLite's online backup API: one consistent copy while the site
  keeps writing) or ``database.pgdump`` (pg_dump's custom format, taken in the same
  snapshot as the row counts);
- ``media/...``: the stored files under MEDIA_ROOT, when that setting exists.

Restoring reads and checks the whole archive first (only the members named above, no
links, no path leaving the archive, every checksum, a manifest this envcoop understands,
the same database engine) and changes nothing when anything is wrong. It then replaces
the database in one transaction: into a new or empty database, or with ``force`` into
one that holds records.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader

FORMAT = "envcoop-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA = "media"
CHUNK = 1024 * 1024
MAX_MANIFEST_BYTES = 10 * 1024 * 1024

# What people add: a database with a row in any of these "holds records" and is not
# replaced without force. The reference data (countries, areas, meeting series, ASEAN
# bodies and agreements) arrives with every migrate and does not count.
WORK_MODELS = [
    "auth.User",
    "ingestion.Document",
    "ingestion.Claim",
    "registry.Event",
    "registry.Project",
    "registry.Fund",
    "registry.Priority",
    "review.Evidence",
]


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass
class Outcome:
    path: Path
    manifest: dict[str, Any]

    @property
    def rows(self) -> int:
        return sum(self.manifest["tables"].values())


def engine_of(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in DATABASE_MEMBER:
        raise BackupError(f"envcoop backs up SQLite and PostgreSQL databases, not {vendor}")
    return vendor


def envcoop_version() -> str:
    try:
        return metadata.version("envcoop")
    except metadata.PackageNotFoundError:
        return "unknown"


def media_root() -> Path | None:
    """MEDIA_ROOT when it is set to a folder (Django's default, "", means no stored files)."""
    root = getattr(settings, "MEDIA_ROOT", "")
    return Path(root) if root else None


# --- taking a backup -----------------------------------------------------------------


def create_backup(output: Path, *, alias: str = "default") -> Outcome:
    """Write a backup of the database ``alias`` and the stored files to ``output``."""
    engine = engine_of(alias)
    output = Path(output)
    if not output.parent.is_dir():
        raise BackupError(f"no such folder: {output.parent}")
    with tempfile.TemporaryDirectory(prefix=".envcoop-backup-", dir=output.parent) as work:
        folder = Path(work)
        database = folder / DATABASE_MEMBER[engine]
        if engine == "sqlite":
            tables = _dump_sqlite(connections[alias], database)
        else:
            tables = _dump_postgresql(connections[alias], database)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "engine": engine,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "envcoop_version": envcoop_version(),
            "migrations": _applied_migrations(engine, database, alias),
            "tables": tables,
            "media": {"files": 0, "bytes": 0},
            "files": {},
        }
        partial = folder / "archive.tar.gz"
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            digest, _size = _add_file(tar, database, DATABASE_MEMBER[engine])
            manifest["files"][DATABASE_MEMBER[engine]] = digest
            for path, name in _media_files():
                digest, size = _add_file(tar, path, name)
                manifest["files"][name] = digest
                manifest["media"]["files"] += 1
                manifest["media"]["bytes"] += size
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode())
        os.chmod(partial, 0o600)
        os.replace(partial, output)  # whole or not at all
    return Outcome(output, manifest)


def _dump_sqlite(connection: Any, target: Path) -> dict[str, int]:
    connection.ensure_connection()
    source = sqlite3.connect(connection.settings_dict["NAME"], uri=True)
    copy = sqlite3.connect(target)
    try:
        # one step: the copy is the database as it was at one moment, even while others write
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        return _sqlite_counts(copy)
    finally:
        copy.close()
        source.close()


def _sqlite_counts(database: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in database.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return {
        name: database.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names
    }


def postgres_environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    """The libpq variables that reach the database Django uses (no password on a command line)."""
    environment = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        value = settings_dict.get(key)
        if value:
            environment[variable] = str(value)
    options = settings_dict.get("OPTIONS") or {}
    if options.get("sslmode"):
        environment["PGSSLMODE"] = str(options["sslmode"])
    return environment


def _postgres_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} is not installed: it comes with PostgreSQL's client "
            "(Debian package postgresql-client, installed by scripts/system-packages.sh)"
        )
    return found


def _dump_postgresql(connection: Any, target: Path) -> dict[str, int]:
    pg_dump = _postgres_tool("pg_dump")
    connection.ensure_connection()
    raw = connection.connection
    previous = raw.autocommit
    raw.autocommit = True
    try:
        with raw.cursor() as cursor:
            # The row counts and pg_dump see the same snapshot of the database.
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                result = subprocess.run(
                    [
                        pg_dump,
                        "--format=custom",
                        "--no-owner",
                        "--no-privileges",
                        f"--snapshot={snapshot}",
                        f"--file={target}",
                    ],
                    env=postgres_environment(connection.settings_dict),
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if result.returncode != 0:
                    raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
                cursor.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                    "ORDER BY tablename"
                )
                names = [row[0] for row in cursor.fetchall()]
                counts = {}
                for name in names:
                    cursor.execute(f'SELECT count(*) FROM "{name}"')
                    counts[name] = cursor.fetchone()[0]
            finally:
                cursor.execute("COMMIT")
    finally:
        raw.autocommit = previous
    return counts


def _applied_migrations(engine: str, database: Path, alias: str) -> list[str]:
    if engine == "sqlite":
        with contextlib.closing(sqlite3.connect(database)) as copy:
            rows = copy.execute("SELECT app, name FROM django_migrations ORDER BY id").fetchall()
    else:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
            rows = cursor.fetchall()
    return [f"{app}.{name}" for app, name in rows]


def _media_files() -> Iterator[tuple[Path, str]]:
    root = media_root()
    if root is None or not root.is_dir():
        return
    for folder, directories, files in os.walk(root):
        directories.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file():
                continue  # only the files themselves, never what a link points at
            relative = path.relative_to(root).as_posix()
            yield path, f"{MEDIA}/{relative}"


def _add_file(tar: tarfile.TarFile, path: Path, name: str) -> tuple[str, int]:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        info = tar.gettarinfo(fileobj=handle, arcname=name)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mode = 0o600
        # hash what goes into the archive, read once
        hashing = _HashingReader(handle, digest)
        tar.addfile(info, hashing)
    return digest.hexdigest(), info.size


class _HashingReader:
    def __init__(self, handle: Any, digest: Any) -> None:
        self.handle = handle
        self.digest = digest

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    import io

    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(datetime.now(UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))


# --- restoring -----------------------------------------------------------------------

_MEDIA_NAME = re.compile(r"^media/(?:[^/\x00]+/)*[^/\x00]+$")


def read_archive(archive: Path, folder: Path, *, engine: str) -> dict[str, Any]:
    """Unpack ``archive`` into ``folder`` and check it; the manifest, or BackupError."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"no such file: {archive}")
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            members = tar.getmembers()
            _check_members(members)
            manifest = _read_manifest(tar, members)
            _check_manifest(manifest, engine)
            expected = dict(manifest["files"])
            for member in members:
                if member.name == MANIFEST or member.isdir():
                    continue
                if member.name not in expected:
                    raise BackupError(
                        f"the archive holds {member.name!r}, which its manifest does not list"
                    )
                digest = _extract(tar, member, folder)
                if digest != expected.pop(member.name):
                    raise BackupError(
                        f"{member.name} is damaged (its checksum differs from the manifest's)"
                    )
            if expected:
                raise BackupError(
                    f"the archive lacks {sorted(expected)[0]!r}, which its manifest lists"
                )
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        if isinstance(error, BackupError):
            raise
        raise BackupError(f"{archive} is not a readable envcoop backup ({error})") from error
    if engine == "sqlite":
        _check_sqlite_copy(folder / DATABASE_MEMBER["sqlite"])
    return manifest


def _check_members(members: list[tarfile.TarInfo]) -> None:
    seen: set[str] = set()
    for member in members:
        name = member.name
        path = PurePosixPath(name)
        if (
            not name
            or path.is_absolute()
            or ".." in path.parts
            or "\\" in name
            or name != path.as_posix()
        ):
            raise BackupError(
                f"refused: the archive member {name!r} would be written outside its folder"
            )
        if not (
            member.isfile() or (member.isdir() and (name == MEDIA or name.startswith(MEDIA + "/")))
        ):
            raise BackupError(
                f"refused: the archive member {name!r} is not a plain file (a link or a device)"
            )
        if (
            member.isfile()
            and name not in {MANIFEST, *DATABASE_MEMBER.values()}
            and not _MEDIA_NAME.match(name)
        ):
            raise BackupError(f"refused: {name!r} is not part of an envcoop backup")
        if name in seen:
            raise BackupError(f"refused: the archive holds {name!r} twice")
        seen.add(name)


def _read_manifest(tar: tarfile.TarFile, members: list[tarfile.TarInfo]) -> dict[str, Any]:
    found = [member for member in members if member.name == MANIFEST]
    if not found:
        raise BackupError("not an envcoop backup: the archive has no manifest.json")
    if found[0].size > MAX_MANIFEST_BYTES:
        raise BackupError("not an envcoop backup: its manifest.json is too large")
    handle = tar.extractfile(found[0])
    try:
        manifest = json.loads(handle.read().decode("utf-8")) if handle else None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(
            f"not an envcoop backup: its manifest.json cannot be read ({error})"
        ) from error
    if not isinstance(manifest, dict):
        raise BackupError("not an envcoop backup: its manifest.json is not an object")
    return manifest


def _check_manifest(manifest: dict[str, Any], engine: str) -> None:
    if manifest.get("format") != FORMAT:
        raise BackupError("not an envcoop backup: its manifest does not say format envcoop-backup")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version < 1 or version > FORMAT_VERSION:
        raise BackupError(
            f"this backup's format version is {version!r}; this envcoop reads versions 1 to "
            f"{FORMAT_VERSION}: restore it with a newer envcoop"
        )
    if manifest.get("engine") not in DATABASE_MEMBER:
        raise BackupError(f"unknown database engine in the manifest: {manifest.get('engine')!r}")
    if manifest["engine"] != engine:
        raise BackupError(
            f"this is a backup of a {manifest['engine']} database and this envcoop uses "
            f"{engine}: set DATABASE_URL to a {manifest['engine']} database to restore it"
        )
    files = manifest.get("files")
    if (
        not isinstance(files, dict)
        or DATABASE_MEMBER[engine] not in files
        or not all(isinstance(v, str) and re.fullmatch(r"[0-9a-f]{64}", v) for v in files.values())
    ):
        raise BackupError("the manifest's list of files and checksums is missing or damaged")
    if not isinstance(manifest.get("tables"), dict) or not isinstance(
        manifest.get("migrations"), list
    ):
        raise BackupError("the manifest's tables or migrations are missing")
    known = _known_migrations()
    unknown = [name for name in manifest["migrations"] if name not in known]
    if unknown:
        raise BackupError(
            f"this backup was taken by a newer envcoop ({manifest.get('envcoop_version')}) with "
            f"migrations this one does not have ({unknown[0]}, ...): upgrade envcoop first"
        )


def _known_migrations() -> set[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, folder: Path) -> str:
    if member.isdir():
        return ""
    target = (folder / member.name).resolve()
    if not target.is_relative_to(folder.resolve()):
        raise BackupError(f"refused: {member.name!r} would be written outside its folder")
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    source = tar.extractfile(member)
    if source is None:
        raise BackupError(f"{member.name} cannot be read")
    digest = hashlib.sha256()
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            handle.write(chunk)
    return digest.hexdigest()


def _check_sqlite_copy(path: Path) -> None:
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as copy:
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
            copy.execute("SELECT count(*) FROM django_migrations").fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"the database in the archive is damaged ({error})") from error
    if verdict != "ok":
        raise BackupError(f"the database in the archive is damaged ({verdict})")


def holds_records(alias: str = "default") -> list[str]:
    """The kinds of records the database ``alias`` holds (empty: a new or empty database)."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        found = []
        for label in WORK_MODELS:
            model = apps.get_model(label)
            table = model._meta.db_table
            if table in existing:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
                if cursor.fetchone():
                    found.append(str(model._meta.verbose_name_plural))
    return found


def restore_backup(archive: Path, *, force: bool = False, alias: str = "default") -> Outcome:
    """Replace the database ``alias`` (and the stored files) with the backup ``archive``."""
    engine = engine_of(alias)
    with tempfile.TemporaryDirectory(prefix="envcoop-restore-") as work:
        folder = Path(work)
        manifest = read_archive(archive, folder, engine=engine)
        held = holds_records(alias)
        if held and not force:
            raise BackupError(
                "refused: this database already holds records ("
                + ", ".join(held)
                + "); restore into a new or empty database, or add --force to replace them"
            )
        database = folder / DATABASE_MEMBER[engine]
        connection = connections[alias]
        if engine == "sqlite":
            _restore_sqlite(connection, database)
        else:
            _restore_postgresql(connection, database)
        _restore_media(folder / MEDIA)
    return Outcome(Path(archive), manifest)


def _restore_sqlite(connection: Any, database: Path) -> None:
    connection.close()
    name = connection.settings_dict["NAME"]
    if isinstance(name, str | os.PathLike) and "mode=memory" not in str(name):
        Path(name).parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(database)
    target = sqlite3.connect(name, uri=True, timeout=30)
    try:
        source.backup(target)  # one transaction on the target: all of it or nothing
    except sqlite3.Error as error:
        raise BackupError(f"the restore failed and the database is unchanged ({error})") from error
    finally:
        target.close()
        source.close()


def _restore_postgresql(connection: Any, dump: Path) -> None:
    pg_restore = _postgres_tool("pg_restore")
    psql = _postgres_tool("psql")
    environment = postgres_environment(connection.settings_dict)
    with connection.cursor() as cursor:
        existing = connection.introspection.table_names(cursor)
    connection.close()
    script = subprocess.run(
        [pg_restore, "--no-owner", "--no-privileges", "--file=-", str(dump)],
        env=environment,
        capture_output=True,
        check=False,
    )
    if script.returncode != 0:
        raise BackupError(
            f"pg_restore cannot read the dump: {script.stderr.decode(errors='replace').strip()}"
        )
    # What was there goes, and the dump comes, in one transaction: all of it or nothing.
    drop = "".join(
        f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE;\n" for table in existing
    ).encode()
    result = subprocess.run(
        [
            psql,
            "--no-psqlrc",
            "--quiet",
            "--set=ON_ERROR_STOP=1",
            "--single-transaction",
            "--file=-",
        ],
        input=drop + script.stdout,
        env=environment,
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(
            "the restore failed and the database is unchanged: "
            + result.stderr.decode(errors="replace").strip()
        )


def _restore_media(unpacked: Path) -> None:
    root = media_root()
    if root is None or not unpacked.is_dir():
        return
    root.mkdir(parents=True, exist_ok=True)
    for path in sorted(unpacked.rglob("*")):
        if path.is_file():
            target = root / path.relative_to(unpacked)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
