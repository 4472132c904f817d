"""Names envcoop knows, found in a text in one pass (Aho-Corasick).

The gazetteer holds the registry's names, acronyms and aliases of countries,
organisations, meeting series and funds (so every name a reviewer accepts into the
registry is recognised in the next document), country names in the region's
languages from CLDR, a few everyday forms and adjectives, and places. When the
registry has no tables yet (``envcoop extract`` on a fresh machine) its reference
and demo data files stand in for it.

Matching: case-insensitive on the text, then checked against the original: an
acronym must match exactly ("MSC", not "msc"), a capitalised name must start with a
capital, and a match must begin and end at word boundaries (ICU's, for Thai).
"""

from __future__ import annotations

import re
import threading
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import ahocorasick

from envcoop.core.charmap import CharMap
from envcoop.core.countries import country_name, iso_names
from envcoop.core.languages import REGIONAL_LANGUAGES
from envcoop.ingestion.normalise import same_spelling
from envcoop.ingestion.segment import BoundaryChecker, unspaced
from envcoop.ingestion.spans import Spans

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Entry:
    kind: str  # country, organisation, series, fund, place
    key: str  # ISO code for countries and places' countries; record key otherwise
    surface: str
    acronym: bool = False
    country: str | None = None  # an organisation's or a place's country
    lang: str = "und"


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    entries: tuple[Entry, ...]


def _is_acronym(surface: str) -> bool:
    letters = [char for char in surface if char.isalpha()]
    return (
        bool(letters)
        and len(surface) <= 12
        and sum(1 for c in letters if c.isupper()) >= max(2, len(letters) - 1)
    )


_DASHES = CharMap({"–": "-", "—": "-", "‐": "-", "‑": "-", "’": "'", "‘": "'"})
_SPACED_DASH = re.compile(r"\s*-\s*")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def _lower(text: str) -> str:
    """Lower case, one dash and one apostrophe, without changing the length."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    return _DASHES(lowered)


# Lao letters written two ways: ຫຼ / ຫລ, ໜ / ຫນ, ໝ / ຫມ
_LAO_LIGATURES = (("ຫຼ", "ຫລ"), ("ໜ", "ຫນ"), ("ໝ", "ຫມ"))


def _variants(surface: str) -> set[str]:
    """A name as written, and with its dashes spaced and unspaced ("China–ASEAN", "China - ASEAN"),
    spelt as the reading copy spells it (no zero-width characters, normalise.same_spelling),
    and with either spelling of Lao's ligatures."""
    lowered = same_spelling(_ZERO_WIDTH.sub("", _lower(surface)))
    variants = {lowered}
    for joined, apart in _LAO_LIGATURES:
        for variant in list(variants):
            variants |= {variant.replace(joined, apart), variant.replace(apart, joined)}
    if "-" in lowered:
        variants |= {_SPACED_DASH.sub(sep, v) for v in variants for sep in ("-", " - ")}
    return variants


def _automaton(entries: list[Entry]) -> tuple[ahocorasick.Automaton, int]:
    """An automaton of every spelling of the entries' names, and how many spellings."""
    automaton = ahocorasick.Automaton()
    by_surface: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        surface = entry.surface.strip()
        if len(surface) < 2:
            continue
        for variant in _variants(surface):
            by_surface[variant].append(entry)
    for surface, group in by_surface.items():
        entries = tuple(dict.fromkeys(group))
        rules = tuple(_surface_rule(entry.surface) for entry in entries)
        automaton.add_word(surface, (len(surface), entries, rules))
    if by_surface:
        automaton.make_automaton()
    return automaton, len(by_surface)


class Gazetteer:
    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._automaton, self.size = _automaton(entries)
        # automata of some kinds only, made on first use ("countries": groups of countries)
        self._of_kinds: dict[frozenset[str], tuple[ahocorasick.Automaton, int]] = {}
        self.series_keys = frozenset(entry.key for entry in entries if entry.kind == "series")
        # bodies that exist as meetings (the AMME, the haze COP): named, they are events
        self.meeting_bodies = frozenset(
            entry.key
            for entry in entries
            if entry.kind == "organisation"
            and not entry.acronym
            and _MEETING_WORDS.search(entry.surface)
        )

    def find(
        self, text: str, boundaries: BoundaryChecker, kinds: set[str] | None = None
    ) -> list[Match]:
        """Non-overlapping matches, longest first, that pass the case and boundary checks."""
        automaton, size = self._automaton, self.size
        if kinds is not None:
            key = frozenset(kinds)
            if key not in self._of_kinds:
                self._of_kinds[key] = _automaton([e for e in self.entries if e.kind in kinds])
            automaton, size = self._of_kinds[key]
        if not size:
            return []
        lowered = _lower(text)
        candidates: list[Match] = []
        for end_index, (length, group, rules) in automaton.iter(lowered):
            start, end = end_index - length + 1, end_index + 1
            original = text[start:end]
            accepted = _accepted(group, rules, original, kinds)
            if not accepted:
                continue
            if not _at_boundaries(text, start, end, boundaries):
                continue
            candidates.append(Match(start, end, accepted))
        candidates.sort(key=lambda m: (-(m.end - m.start), m.start))
        chosen: list[Match] = []
        occupied = Spans()
        for match in candidates:
            if occupied.overlaps(match.start, match.end):
                continue
            chosen.append(match)
            occupied.add(match.start, match.end)
        chosen.sort(key=lambda m: m.start)
        return chosen


_MEETING_WORDS = re.compile(
    r"\b(?:Meeting|Conference|Summit)\b|^(?:Hội nghị|Pertemuan|Mesyuarat|Persidangan)\b|^การประชุม"
)


def _accepted(
    group: tuple[Entry, ...],
    rules: tuple[tuple[bool, str, bool], ...],
    original: str,
    kinds: set[str] | None,
) -> tuple[Entry, ...]:
    """The entries of a group whose case fits the text (an acronym exactly as written, a
    capitalised name only where the text capitalises it; each entry's ``_surface_rule`` is
    made with the automaton, the text's side once per match)."""
    written: str | None = None
    capital: bool | None = None
    accepted = []
    for entry, (acronym, surface_written, capitalised) in zip(group, rules, strict=True):
        if kinds is not None and entry.kind not in kinds:
            continue
        if acronym:
            if written is None:
                written = _SPACED_DASH.sub("-", _DASHES(original))
            if surface_written != written:
                continue
        elif capitalised:
            if capital is None:
                capital = next((char for char in original if char.isalpha()), "").isupper()
            if not capital:
                continue
        accepted.append(entry)
    return tuple(accepted)


@lru_cache(maxsize=65536)
def _surface_rule(surface: str) -> tuple[bool, str, bool]:
    """(an acronym, its letters as compared, capitalised) for one gazetteer name."""
    first = next((char for char in surface if char.isalpha()), "")
    return (
        _is_acronym(surface),
        _SPACED_DASH.sub("-", _DASHES(surface)),
        first.isupper(),
    )


def _at_boundaries(text: str, start: int, end: int, boundaries: BoundaryChecker) -> bool:
    if boundaries.is_boundary(start) and boundaries.is_boundary(end):
        return True
    # Long names in scripts without spaces are safe even where ICU's dictionary cuts
    # differently (four characters suffice in Chinese, where each is a word or most of one).
    span = text[start:end]
    shortest = 4 if re.search("[\u3400-\u9fff]", span) else 6
    return (
        unspaced(span)
        and len(span) >= shortest
        and (start == 0 or not text[start - 1].isascii() or not text[start - 1].isalnum())
    )


# ---------------------------------------------------------------- building


# Country names that are also everyday words of their language: Lao and Thai "Chad" (ຊາດ,
# ชาด) is "nation" and "vermilion".
_COMMON_WORDS = {"lo": {"ຊາດ"}, "th": {"ชาด"}}


def _country_entries() -> list[Entry]:
    from babel import Locale

    entries: list[Entry] = []
    english = Locale("en").territories
    codes = [
        code
        for code in english
        if len(code) == 2 and code.isalpha() and code not in ("ZZ", "UN", "EZ", "QO")
    ]
    for code in codes:
        for lang in REGIONAL_LANGUAGES:
            name = country_name(code, lang)
            if name in _COMMON_WORDS.get(lang, ()):
                continue
            entries.append(Entry("country", code, name, lang=lang))
        for name in iso_names(code):
            entries.append(Entry("country", code, name, lang="en"))
    # CLDR's traditional-Chinese names too (寮國, 韓國), read as Chinese
    hant = Locale.parse("zh_Hant").territories
    for code in codes:
        if code in hant:
            entries.append(Entry("country", code, hant[code], lang="zh"))
    words = tomllib.loads((DATA / "country_words.toml").read_text(encoding="utf-8"))
    groups = words.pop("groups", {})
    for lang, table in words.items():
        for code, names in table.items():
            for name in names:
                entries.append(Entry("country", code, name, acronym=_is_acronym(name), lang=lang))
    for name, group in groups.items():
        entries.append(Entry("countries", " ".join(group), name, acronym=_is_acronym(name)))
    places = tomllib.loads((DATA / "places.toml").read_text(encoding="utf-8"))
    for place in places["place"]:
        for name in place["names"]:
            entries.append(Entry("place", place["country"], name, country=place["country"]))
    return entries


def _registry_entries() -> list[Entry] | None:
    """Names from the registry's tables, or None when the tables are not there."""
    from django.db import DatabaseError, connection

    from envcoop.registry.models import Country, EventSeries, Fund, Label, Organisation

    try:
        if Label._meta.db_table not in connection.introspection.table_names():
            return None
        entries: list[Entry] = []
        organisations = {
            o.pk: o
            for o in Organisation.objects.select_related("country").only(
                "pk", "key", "country__code"
            )
        }
        series = {s.pk: s for s in EventSeries.objects.only("pk", "key")}
        funds = {f.pk: f for f in Fund.objects.only("pk", "key")}
        countries = {c.pk: c.code for c in Country.objects.only("pk", "code")}
        for label in (
            Label.objects.exclude(kind="description").select_related("content_type").iterator()
        ):
            model = label.content_type.model
            acronym = label.kind == "acronym"
            if model == "organisation" and label.object_id in organisations:
                organisation = organisations[label.object_id]
                country = organisation.country.code if organisation.country_id else None
                entries.append(
                    Entry(
                        "organisation", organisation.key, label.text, acronym, country, label.lang
                    )
                )
            elif model == "eventseries" and label.object_id in series:
                entries.append(
                    Entry(
                        "series", series[label.object_id].key, label.text, acronym, None, label.lang
                    )
                )
            elif model == "fund" and label.object_id in funds:
                entries.append(
                    Entry("fund", funds[label.object_id].key, label.text, acronym, None, label.lang)
                )
            elif model == "country" and label.object_id in countries and label.kind == "alias":
                entries.append(
                    Entry(
                        "country", countries[label.object_id], label.text, acronym, None, label.lang
                    )
                )
        return entries
    except DatabaseError:
        return None


def _data_file_entries() -> list[Entry]:
    """Names from the reference and demo data files (when the registry is not available)."""
    from envcoop.registry.data.loader import DEMO_FILE, REFERENCE_FILE

    entries: list[Entry] = []
    for path in (REFERENCE_FILE, DEMO_FILE):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind, section in (
            ("organisation", "organisation"),
            ("series", "event_series"),
            ("fund", "fund"),
        ):
            for item in data.get(section, []):
                country = item.get("country")
                for lang, name in (item.get("names") or {}).items():
                    entries.append(Entry(kind, item["key"], name, False, country, lang))
                acronyms = item.get("acronyms") or []
                if isinstance(acronyms, dict):
                    acronyms = [
                        a
                        for values in acronyms.values()
                        for a in ([values] if isinstance(values, str) else values)
                    ]
                for acronym in acronyms:
                    entries.append(Entry(kind, item["key"], acronym, True, country))
                for lang, names in (item.get("aliases") or {}).items():
                    for name in [names] if isinstance(names, str) else names:
                        entries.append(Entry(kind, item["key"], name, False, country, lang))
        for item in data.get("country", []):
            for lang, names in (item.get("aliases") or {}).items():
                for name in [names] if isinstance(names, str) else names:
                    entries.append(Entry("country", item["code"], name, False, None, lang))
    return entries


@cache
def _static_entries() -> tuple[Entry, ...]:
    return tuple(_country_entries())


_LOCK = threading.Lock()
_CACHE: dict[str, object] = {}


def _registry_version() -> tuple | None:
    """Changes whenever a name is added, edited or removed in the registry (None: no registry).

    Asked before every document, so it is one plain query (the ORM's aggregate() took
    longer to build than the database took to answer).
    """
    from django.db import DatabaseError, connection

    from envcoop.registry.models import Label

    table = Label._meta.db_table
    try:
        if not _CACHE.get("table") and table not in connection.introspection.table_names():
            return None
        _CACHE["table"] = True  # a table once there stays there: look once per process
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*), MAX({quote('updated_at')}), MAX({quote('id')}) "
                f"FROM {quote(table)}"
            )
            return tuple(cursor.fetchone())
    except DatabaseError:
        return None


def gazetteer(*, refresh: bool = False) -> Gazetteer:
    """The gazetteer, rebuilt when the registry's names have changed since it was built.

    So a name a reviewer accepts into the registry is recognised in the next document
    read, in every process, not only in the one that saved it.
    """
    fixed = _CACHE.get("fixed")
    if fixed is not None:
        return fixed  # type: ignore[return-value]
    version = _registry_version()
    with _LOCK:
        if refresh or _CACHE.get("version", "unset") != version or "current" not in _CACHE:
            registry = _registry_entries() if version is not None else None
            dynamic = registry if registry else _data_file_entries()
            _CACHE["current"] = Gazetteer([*_static_entries(), *dynamic])
            _CACHE["version"] = version
        return _CACHE["current"]  # type: ignore[return-value]


def use(fixed: Gazetteer | None) -> None:
    """Read with this gazetteer from now on, without asking the registry (worker processes
    of a batch get the one their parent built; None goes back to the registry's)."""
    with _LOCK:
        _CACHE["fixed"] = fixed
