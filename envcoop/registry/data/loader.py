"""Load a registry data file (TOML) through the services, all or nothing.

A data file holds arrays of tables named after the kind of record
(``[[country]]``, ``[[area]]``, ``[[organisation]]``, ...). Entries are loaded
in dependency order, so a file may mention its records in any order within a
kind as long as what they point to comes first. Every write goes through the
registry services; the whole file is one transaction, so an error in the last
entry leaves the database exactly as it was.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from envcoop.registry.services.agreements import agreement_upsert
from envcoop.registry.services.areas import area_upsert, term_upsert, vocabulary_upsert
from envcoop.registry.services.countries import country_upsert
from envcoop.registry.services.events import event_series_upsert, event_upsert
from envcoop.registry.services.frameworks import component_upsert, framework_upsert
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.organisations import organisation_upsert
from envcoop.registry.services.priorities import priority_upsert
from envcoop.registry.services.projects import fund_upsert, project_upsert
from envcoop.registry.services.resolve import listed

DATA_DIR = Path(__file__).resolve().parent
REFERENCE_FILE = DATA_DIR / "reference.toml"
DEMO_FILE = DATA_DIR / "demo.toml"

_LABEL_KEYS = {"names", "original", "acronyms", "aliases", "descriptions"}


class DataFileError(Exception):
    """A data file cannot be loaded; the message says which entry and why."""


@dataclass
class LoadReport:
    overwrite: bool = False
    written: Counter = field(default_factory=Counter)
    untouched: Counter = field(default_factory=Counter)

    def count(self, kind: str, changed: bool) -> None:
        (self.written if changed else self.untouched)[kind] += 1

    @property
    def changed(self) -> int:
        return sum(self.written.values())

    def summary(self) -> str:
        """One line per kind: how many entries wrote something, how many were left as they were."""
        untouched = "unchanged" if self.overwrite else "already present, left as they are"
        kinds = sorted(set(self.written) | set(self.untouched))
        parts = [
            f"{kind}: {self.written[kind]} written, {self.untouched[kind]} {untouched}"
            for kind in kinds
        ]
        return "; ".join(parts) if parts else "nothing in the file"


def _fields(entry: Mapping[str, Any], *drop: str) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k not in _LABEL_KEYS and k not in drop}


def _tables(value: object, name: str) -> list[Mapping[str, Any]]:
    """A list of tables (``[[name]]`` or ``name = [{...}, ...]``), or a ValidationError."""
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        raise ValidationError({name: "expected a list of tables, like [[" + name + "]] entries"})
    return value


def _load_country(entry: Mapping[str, Any], overwrite: bool) -> bool:
    since = entry.get("since", {})
    if not isinstance(since, Mapping):
        raise ValidationError({"since": "expected group codes mapped to dates"})
    groups = {code: since.get(code) for code in listed(entry.get("groups", []), field="groups")}
    _, changed = country_upsert(
        code=entry["code"],
        groups=groups,
        names=NameSet(aliases=entry.get("aliases")),
        overwrite=overwrite,
    )
    return changed


def _load_area(entry: Mapping[str, Any], overwrite: bool) -> bool:
    return area_upsert(
        code=entry["code"],
        position=entry.get("position", 0),
        names=NameSet.from_mapping(entry),
        overwrite=overwrite,
    )[1]


def _load_vocabulary(entry: Mapping[str, Any], overwrite: bool) -> bool:
    vocabulary, changed = vocabulary_upsert(
        code=entry["code"],
        names=NameSet.from_mapping(entry),
        url=entry.get("url", ""),
        overwrite=overwrite,
    )
    for position, term in enumerate(_tables(entry.get("terms", []), "terms"), start=1):
        changed |= term_upsert(
            vocabulary=vocabulary,
            code=str(term["code"]),
            names=NameSet.from_mapping(term),
            areas=term.get("areas", []),
            position=position,
            overwrite=overwrite,
        )[1]
    return changed


def _load_framework(entry: Mapping[str, Any], overwrite: bool) -> bool:
    framework, changed = framework_upsert(
        **_fields(entry, "components"), names=NameSet.from_mapping(entry), overwrite=overwrite
    )
    for component in _tables(entry.get("components", []), "components"):
        changed |= component_upsert(
            framework=framework,
            number=component["number"],
            names=NameSet.from_mapping(component),
            areas=component.get("areas", []),
            overwrite=overwrite,
        )[1]
    return changed


def _simple(upsert: Callable[..., tuple[Any, bool]]) -> Callable[[Mapping[str, Any], bool], bool]:
    def load(entry: Mapping[str, Any], overwrite: bool) -> bool:
        return upsert(**_fields(entry), names=NameSet.from_mapping(entry), overwrite=overwrite)[1]

    return load


# Kinds in the order they must be loaded (later kinds point at earlier ones).
LOADERS: dict[str, Callable[[Mapping[str, Any], bool], bool]] = {
    "area": _load_area,
    "country": _load_country,
    "vocabulary": _load_vocabulary,
    "organisation": _simple(organisation_upsert),
    "event_series": _simple(event_series_upsert),
    "framework": _load_framework,
    "fund": _simple(fund_upsert),
    "project": _simple(project_upsert),
    "event": _simple(event_upsert),
    "agreement": _simple(agreement_upsert),
    "priority": _simple(priority_upsert),
}


def load_data_file(path: Path, *, overwrite: bool = False) -> LoadReport:
    """Load every entry of ``path``; raise DataFileError (and write nothing) on the first error.

    With ``overwrite`` False, records that already exist keep their fields, links
    and names (names and aliases they lack are added); with True they are
    brought in line with the file.
    """
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise DataFileError(f"{path}: cannot read: {error}") from error
    unknown = sorted(set(data) - set(LOADERS))
    if unknown:
        raise DataFileError(
            f"{path}: unknown section {unknown[0]!r}; sections are: {', '.join(LOADERS)}"
        )
    report = LoadReport(overwrite=overwrite)
    with transaction.atomic():
        for kind, load in LOADERS.items():
            try:
                entries = _tables(data.get(kind, []), kind)
            except ValidationError as error:
                raise DataFileError(f"{path}: {_explain(error)}") from error
            for index, entry in enumerate(entries, start=1):
                where = entry.get("key") or entry.get("code") or f"#{index}"
                try:
                    changed = load(entry, overwrite)
                except ValidationError as error:
                    raise DataFileError(f"{path}: {kind} {where!r}: {_explain(error)}") from error
                except KeyError as error:
                    raise DataFileError(
                        f"{path}: {kind} {where!r}: missing field {error}"
                    ) from error
                except (TypeError, ValueError, AttributeError) as error:
                    # A value of the wrong shape that no service named: still a sentence
                    # about the entry, never a traceback.
                    raise DataFileError(
                        f"{path}: {kind} {where!r}: {_explain_shape(error)}"
                    ) from error
                report.count(kind, changed)
    return report


def _explain_shape(error: Exception) -> str:
    message = str(error)
    missing = re.search(r"missing \d+ required keyword-only arguments?: (.+)$", message)
    if missing:
        return f"missing field {missing.group(1)}"
    unknown = re.search(r"unexpected keyword argument '(\w+)'", message)
    if unknown:
        return f"unknown field {unknown.group(1)!r}"
    return f"wrong field or value: {message}"


def _explain(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(str(m) for m in ValidationError(messages).messages)}"
            for name, messages in error.error_dict.items()
        )
    return " ".join(error.messages)


def load_reference(*, overwrite: bool = False) -> LoadReport:
    return load_data_file(REFERENCE_FILE, overwrite=overwrite)


def load_demo(*, overwrite: bool = False) -> LoadReport:
    return load_data_file(DEMO_FILE, overwrite=overwrite)
