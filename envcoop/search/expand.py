"""Cross-language expansion: a phrase typed in one language also looks for the same thing
in the others, through the concept lexicon (data/concepts.toml) and the registry's names,
acronyms and aliases in every language ("AATHP" also finds ความตกลงอาเซียนว่าด้วยมลพิษ
จากหมอกควันข้ามแดน). Each added phrase says what it came through (``Phrase.via``).
"""

from __future__ import annotations

import threading
import tomllib
from collections import defaultdict
from functools import cache
from pathlib import Path

from django.db.models import Count, Max

from envcoop.search.query import Group, Phrase, Query
from envcoop.search.text import terms

CONCEPTS = Path(__file__).resolve().parent / "data" / "concepts.toml"
MAX_ADDED = 12  # alternatives added to one group at most


def _terms(text: str, lang: str | None = None) -> tuple[str, ...]:
    return tuple(term.text for term in terms(text, lang))


@cache
def concepts() -> dict[tuple[str, ...], tuple[str, list[tuple[str, ...]]]]:
    """Folded phrase -> (the concept's name, every phrase of the concept)."""
    with CONCEPTS.open("rb") as handle:
        data = tomllib.load(handle)
    found: dict[tuple[str, ...], tuple[str, list[tuple[str, ...]]]] = {}
    for concept in data["concept"]:
        name = concept["en"][0]
        phrases = [_terms(word, lang) for lang, words in concept.items() for word in words]
        phrases = list(dict.fromkeys(p for p in phrases if p))
        for phrase in phrases:
            found.setdefault(phrase, (name, phrases))
    return found


class _RegistryNames:
    """Folded name -> (record's display name, all its names), rebuilt when labels change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: tuple | None = None
        self._names: dict[tuple[str, ...], tuple[str, list[tuple[str, ...]]]] = {}

    def get(self) -> dict[tuple[str, ...], tuple[str, list[tuple[str, ...]]]]:
        from envcoop.registry.models import Label

        version = tuple(Label.objects.aggregate(n=Count("id"), last=Max("updated_at")).values())
        with self._lock:
            if version != self._version:
                self._names = self._build()
                self._version = version
            return self._names

    @staticmethod
    def _build() -> dict[tuple[str, ...], tuple[str, list[tuple[str, ...]]]]:
        from envcoop.registry.models import Label

        by_record: dict[tuple[int, int], list[tuple[str, str, str]]] = defaultdict(list)
        rows = Label.objects.exclude(kind="description").values_list(
            "content_type_id", "object_id", "kind", "lang", "text"
        )
        for type_id, object_id, kind, lang, text in rows.iterator(chunk_size=5000):
            by_record[(type_id, object_id)].append((kind, lang, text))
        names: dict[tuple[str, ...], tuple[str, list[tuple[str, ...]]]] = {}
        for labels in by_record.values():
            english = next((t for k, lang, t in labels if k == "name" and lang == "en"), None)
            title = english or next((t for k, _lang, t in labels if k == "name"), labels[0][2])
            phrases = list(dict.fromkeys(p for _k, lang, t in labels if (p := _terms(t, lang))))
            for phrase in phrases:
                if len(phrase) == 1 and len(phrase[0]) < 3:
                    continue  # two letters name too many things
                names.setdefault(phrase, (title, phrases))
        return names


registry_names = _RegistryNames()


MAX_JOINED = 8  # words: the longest name looked up across separately typed words


def _joined(query: Query, known: list[dict]) -> list[Group]:
    """Words typed one after the other that together are a known phrase ("khói mù" typed
    without quotes) become one group: that phrase."""
    groups = list(query.groups)
    joined: list[Group] = []
    index = 0
    while index < len(groups):
        best = 0
        for size in range(min(MAX_JOINED, len(groups) - index), 1, -1):
            window = groups[index : index + size]
            if any(len(g.alternatives) != 1 for g in window):
                continue
            phrase = tuple(t for g in window for t in g.alternatives[0].terms)
            if any(phrase in source for source in known):
                best = size
                joined.append(Group([Phrase(phrase)]))
                break
        if best:
            index += best
        else:
            joined.append(groups[index])
            index += 1
    return joined


def expand(query: Query) -> Query:
    """The query with each typed phrase's other-language forms added to its group."""
    lexicon = concepts()
    names = registry_names.get()
    groups = []
    for group in _joined(query, [lexicon, names]):
        alternatives = list(group.alternatives)
        seen = {phrase.terms for phrase in alternatives}
        for phrase in group.alternatives:
            for source in (lexicon, names):
                found = source.get(phrase.terms)
                if found is None:
                    continue
                via, others = found
                for other in others:
                    if (
                        other not in seen
                        and len(alternatives) < len(group.alternatives) + MAX_ADDED
                    ):
                        seen.add(other)
                        alternatives.append(Phrase(other, via=via))
        groups.append(Group(alternatives))
    return Query(groups=groups, excluded=query.excluded, typed=query.typed)
