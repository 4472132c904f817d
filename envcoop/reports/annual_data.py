"""The annual report as plain data, which the HTML, Markdown and DOCX writers share."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

OTHER = "other"  # the section of records with no area

# The blocks of an area section, in order.
EVENTS, AGREEMENTS, STARTED, RUNNING, COMPLETED = range(5)


def block_headings() -> list[str]:
    return [
        _("Events held"),
        _("Agreements adopted or signed"),
        _("Projects started"),
        _("Projects running"),
        _("Projects completed"),
    ]


@dataclass(frozen=True)
class Name:
    text: str
    lang: str
    marked: str = ""  # the language's name when not the reader's ("English"), else ""


@dataclass(frozen=True)
class Disputed:
    """One of the values sources give for a date they disagree on, with their citations."""

    text: str
    notes: list[int]


@dataclass
class Statement:
    text: str  # the sentence, with the name in it
    name: Name
    url: str  # the record's page
    notes: list[int] = field(default_factory=list)  # numbers of its citations
    also: str = ""  # "also: Biodiversity and Chemicals and waste": its other areas
    disputed: list[Disputed] = field(default_factory=list)  # each side of a disagreement


@dataclass
class Block:
    heading: str
    statements: list[Statement]


@dataclass
class Section:
    code: str  # area code, or OTHER
    heading: str
    blocks: list[Block]

    def count(self, index: int) -> int:
        return len(self.blocks[index].statements) if index < len(self.blocks) else 0


@dataclass
class Citation:
    number: int
    title: str
    date: str  # "" for a restricted source
    url: str  # "" for a restricted source

    @property
    def described(self) -> str:
        """ "Title, date." (a restricted source: its words alone)."""
        return f"{self.title}, {self.date}." if self.date else f"{self.title}."


@dataclass(frozen=True)
class MissingName:
    """A record the report names in another language than its own, for reviewers."""

    kind: str  # "event", "agreement", "project", "priority"
    key: str
    pk: int
    url: str
    shown: Name  # the name the report uses instead
    names: tuple[tuple[str, str], ...]  # (language, name) of every name it has


@dataclass
class AnnualReport:
    year: int
    lang: str
    title: str
    scope: str  # "ASEAN–China cooperation · Thailand", or ""
    sections: list[Section]  # the year, by area: each record once, under its first area
    next_year: list[Section]  # priorities and emerging issues for year + 1
    citations: list[Citation]
    summary_headings: list[str]
    summary: list[tuple[str, list[int]]]  # (area heading, counts per block heading)
    generated: str
    totals: list[int] = field(default_factory=list)  # per block heading, every area
    undated_note: str = ""  # "3 projects under way have no recorded dates ..." or ""
    summary_note: str = ""  # how the summary counts, with the undated note
    missing: list[MissingName] = field(default_factory=list)  # no name in ``lang``

    @property
    def empty(self) -> bool:
        return not any(block.statements for s in self.sections for block in s.blocks)
