"""Reading what a person typed into a search box.

    haze jerebu              both words
    "khói mù" OR jerebu      a phrase, or a word
    haze -forest             haze, and not forest
    หมอกควัน                  one Thai "word" ICU cuts in two is searched as a phrase

A query is a list of groups that must all match; a group is one or more alternatives
(phrases, a word being a phrase of one); exclusions are alternatives that must not match.
The same ``text.terms`` cuts and folds the query as the index, and the compiled forms
(FTS5 MATCH text, PostgreSQL tsquery text) are built only from those terms, each quoted:
nothing a person types reaches SQL or the full-text syntax unescaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from envcoop.search.text import terms

MAX_LENGTH = 500
MAX_TERMS = 40


class QueryError(ValueError):
    """A query that cannot be searched, with a sentence saying why."""


@dataclass(frozen=True)
class Phrase:
    terms: tuple[str, ...]
    via: str = ""  # the expansion that added it ("" for what was typed)

    @property
    def text(self) -> str:
        return " ".join(self.terms)


@dataclass
class Group:
    alternatives: list[Phrase] = field(default_factory=list)


@dataclass
class Query:
    groups: list[Group]
    excluded: list[Phrase]
    typed: str

    def phrases(self) -> list[Phrase]:
        return [phrase for group in self.groups for phrase in group.alternatives]


_TOKEN = re.compile(r'\s*(?:(?P<minus>-)?"(?P<phrase>[^"]*)(?P<closed>")?|(?P<word>[^\s"]+))')


def parse(text: str) -> Query:
    """The query in ``text``; QueryError with a sentence when it cannot be searched."""
    if len(text) > MAX_LENGTH:
        raise QueryError(f"the query is longer than {MAX_LENGTH} characters")
    groups: list[Group] = []
    excluded: list[Phrase] = []
    pending_or = False
    position = 0
    stripped = text.strip()
    while position < len(stripped):
        match = _TOKEN.match(stripped, position)
        if match is None or match.end() == position:
            break
        position = match.end()
        if match.group("phrase") is not None:
            if match.group("closed") is None:
                raise QueryError("a quotation mark is not closed")
            negative = bool(match.group("minus"))
            phrase = _phrase(match.group("phrase"))
        else:
            word = match.group("word")
            if word in ("OR", "|"):
                if not groups or pending_or:
                    raise QueryError("OR needs a word or phrase on each side")
                pending_or = True
                continue
            negative = word.startswith("-") and len(word) > 1
            phrase = _phrase(word[1:] if negative else word)
        if phrase is None:
            if pending_or:
                raise QueryError("OR needs a word or phrase on each side")
            continue  # punctuation only: nothing to look for
        if negative:
            if pending_or:
                raise QueryError("an excluded word cannot be one side of OR")
            excluded.append(phrase)
        elif pending_or:
            groups[-1].alternatives.append(phrase)
            pending_or = False
        else:
            groups.append(Group([phrase]))
    if pending_or:
        raise QueryError("OR needs a word or phrase on each side")
    if not groups:
        raise QueryError(
            "give at least one word to look for"
            if not excluded
            else "a query needs at least one word to look for besides the excluded ones"
        )
    count = sum(len(p.terms) for p in excluded) + sum(
        len(p.terms) for group in groups for p in group.alternatives
    )
    if count > MAX_TERMS:
        raise QueryError(f"the query has more than {MAX_TERMS} words")
    return Query(groups=groups, excluded=excluded, typed=text)


def _phrase(text: str) -> Phrase | None:
    found = tuple(term.text for term in terms(text))
    return Phrase(found) if found else None


# ------------------------------------------------------------------ compiled forms


def _fts5_phrase(phrase: Phrase) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in phrase.terms) + '"'


def to_fts5(query: Query) -> str:
    """FTS5 MATCH text: every phrase quoted; groups ANDed; exclusions after NOT."""
    groups = [
        "(" + " OR ".join(_fts5_phrase(p) for p in group.alternatives) + ")"
        for group in query.groups
    ]
    text = " AND ".join(groups)
    if query.excluded:
        text = f"({text}) NOT (" + " OR ".join(_fts5_phrase(p) for p in query.excluded) + ")"
    return text


def _tsquery_phrase(phrase: Phrase) -> str:
    quoted = ["'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in phrase.terms]
    return "(" + " <-> ".join(quoted) + ")"


def to_tsquery(query: Query) -> str:
    """PostgreSQL tsquery text (for to_tsquery('simple', ...)), every lexeme quoted."""
    groups = [
        "(" + " | ".join(_tsquery_phrase(p) for p in group.alternatives) + ")"
        for group in query.groups
    ]
    text = " & ".join(groups)
    for phrase in query.excluded:
        text += " & !" + _tsquery_phrase(phrase)
    return text
