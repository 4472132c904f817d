"""Load a registry data file (TOML) through the services, all or nothing.

A data file holds arrays of tables named after the kind of record
(``[[country]]``, ``[[area]]``, ``[[organisation]]``, ...). Entries are loaded
in dependency order, so a file may mention its records in any order within a
kind as long as what they point to comes first. Every write goes through the
registry services; the whole file is one transaction, so an error in the last
entry leaves the database exactly as it was.
"""

from __future__ import annotations

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

DATA_DIR = Path(__file__).resolve().parent
REFERENCE_FILE = DATA_DIR / "reference.toml"
DEMO_FILE = DATA_DIR / "demo.toml"

_LABEL_KEYS = {"names", "original", "acronyms", "aliases", "descriptions"}


class DataFileError(Exception):
    """A data file cannot be loaded; the message says which entry and why."""


@dataclass
class LoadReport:
    created_or_changed: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    def count(self, kind: str, changed: bool) -> None:
        (self.created_or_changed if changed else self.unchanged)[kind] += 1

    @property
    def changed(self) -> int:
        return sum(self.created_or_changed.values())

    def summary(self) -> str:
        kinds = sorted(set(self.created_or_changed) | set(self.unchanged))
        parts = [
            f"{kind}: {self.created_or_changed[kind]} written, {self.unchanged[kind]} unchanged"
            for kind in kinds
        ]
        return "; ".join(parts) if parts else "nothing in the file"


def _fields(entry: Mapping[str, Any], *drop: str) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k not in _LABEL_KEYS and k not in drop}


def _load_country(entry: Mapping[str, Any], overwrite: bool) -> bool:
    since = entry.get("since", {})
    groups = {code: since.get(code) for code in entry.get("groups", [])}
    _, changed = country_upsert(
        code=entry["code"],
        groups=groups,
        names=NameSet(aliases=entry.get("aliases")),
        overwrite=overwrite,
    )
    return changed


def _load_area(entry: Mapping[str, Any], overwrite: bool) -> bool:
    return area_upsert(
        code=entry["code"], position=entry.get("position", 0), names=NameSet.from_mapping(entry)
    )[1]


def _load_vocabulary(entry: Mapping[str, Any], overwrite: bool) -> bool:
    vocabulary, changed = vocabulary_upsert(
        code=entry["code"], names=NameSet.from_mapping(entry), url=entry.get("url", "")
    )
    for position, term in enumerate(entry.get("terms", []), start=1):
        changed |= term_upsert(
            vocabulary=vocabulary,
            code=str(term["code"]),
            names=NameSet.from_mapping(term),
            areas=term.get("areas", []),
            position=position,
        )[1]
    return changed


def _load_framework(entry: Mapping[str, Any], overwrite: bool) -> bool:
    framework, changed = framework_upsert(
        **_fields(entry, "components"), names=NameSet.from_mapping(entry), overwrite=overwrite
    )
    for component in entry.get("components", []):
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

    With ``overwrite`` False, records that already exist are left as they are
    (new names and aliases are still added); with True they are brought in line
    with the file.
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
    report = LoadReport()
    with transaction.atomic():
        for kind, load in LOADERS.items():
            for index, entry in enumerate(data.get(kind, []), start=1):
                where = entry.get("key") or entry.get("code") or f"#{index}"
                try:
                    changed = load(entry, overwrite)
                except ValidationError as error:
                    raise DataFileError(f"{path}: {kind} {where!r}: {_explain(error)}") from error
                except (KeyError, TypeError) as error:
                    raise DataFileError(
                        f"{path}: {kind} {where!r}: missing or wrong field: {error}"
                    ) from error
                report.count(kind, changed)
    return report


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
