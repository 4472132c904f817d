"""The annual report: what the cooperation did in a year, area by area, and what comes next.

Built from the registry in the reader's language: per area, the events held, the
agreements adopted, signed or entered into force, and the projects started, running and
completed that year, each as a short factual sentence; then the priorities recorded for
the next year. Every statement cites its sources: the documents its values came from
(review evidence), or the registry page of a record typed in by hand. Names are the
reader's language where the record has one, else the original with its language named.
The same ``AnnualReport`` is written out as HTML, Markdown and DOCX.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from babel import Locale
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from envcoop.core.formatting import babel_locale, display_year, format_partial_date, format_period
from envcoop.core.languages import base_language
from envcoop.core.partial_date import PartialDate, Precision
from envcoop.registry.models import (
    Agreement,
    Area,
    AreaCode,
    Country,
    Event,
    Priority,
    Project,
)
from envcoop.registry.models.base import Label, LabelKind, pick_label
from envcoop.registry.selectors.involvement import involving_country
from envcoop.registry.selectors.periods import overlaps_year
from envcoop.review.models import Evidence

LANGUAGES = ("en", "th", "vi")
# Labels and areas as plain lists on each record: a related manager, even prefetched,
# builds a filtered query object on every access (most of the time of a long report).
_PLAIN_LISTS = (
    Prefetch("labels", queryset=Label.objects.order_by("pk"), to_attr="report_labels"),
    Prefetch("areas", to_attr="report_areas"),
)
OTHER = "other"  # the section of records with no area


@dataclass(frozen=True)
class Name:
    text: str
    lang: str
    marked: str = ""  # the language's name when not the reader's ("English"), else ""


@dataclass
class Statement:
    text: str  # the sentence, with the name in it
    name: Name
    url: str  # the record's page
    notes: list[int] = field(default_factory=list)  # numbers of its citations


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
    date: str
    url: str


@dataclass
class AnnualReport:
    year: int
    lang: str
    title: str
    scope: str  # "ASEAN–China cooperation · Thailand", or ""
    sections: list[Section]  # the year, by area
    next_year: list[Section]  # priorities and emerging issues for year + 1
    citations: list[Citation]
    summary_headings: list[str]
    summary: list[tuple[str, list[int]]]  # (area heading, counts per block heading)
    generated: str

    @property
    def empty(self) -> bool:
        return not any(block.statements for s in self.sections for block in s.blocks)


# IATI activity statuses with nothing done to report: pipeline, cancelled, suspended.
_NOT_UNDER_WAY = (1, 5, 6)

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


# ------------------------------------------------------------------ building


def annual_report(
    year: int,
    *,
    lang: str = "en",
    partner: str | None = None,
    country: str | None = None,
    site_url: str = "",
) -> AnnualReport:
    """The report for ``year`` in ``lang``, narrowed to records involving ``partner``
    and ``country`` (ISO codes) when given. Links start with ``site_url``."""
    with translation.override(lang):
        return _Builder(year, lang, partner, country, site_url.rstrip("/")).build()


class _Builder:
    def __init__(
        self, year: int, lang: str, partner: str | None, country: str | None, site: str
    ) -> None:
        self.year, self.lang, self.site = year, lang, site
        self.today = timezone.localdate()
        self.partner = partner.upper() if partner else None
        self.country = country.upper() if country else None
        self.citations: dict[tuple[str, object], Citation] = {}
        self.areas = {
            area.code: area for area in Area.objects.prefetch_related("labels").order_by("pk")
        }
        countries = list(Country.objects.all())
        self.countries = {country.code: country for country in countries}
        self.country_codes = {country.pk: country.code for country in countries}
        self.documents: dict[tuple[int, int], list] = {}  # (content type, pk) -> documents
        self.language_names = Locale.parse(babel_locale(lang)).languages
        self.names: dict[tuple[type, int], Name] = {}
        self.urls: dict[tuple[type, int], str] = {}

    # -- records

    def _narrow(self, records: QuerySet) -> QuerySet:
        for code in (self.partner, self.country):
            if code:
                records = involving_country(records, code)
        return records

    def _records(self, model: type, span: tuple[str, str], open_ended: bool) -> list:
        records = model.objects.filter(overlaps_year(*span, self.year, open_ended=open_ended))
        found = list(self._narrow(records).prefetch_related(*_PLAIN_LISTS))
        self._load_sources(model, [record.pk for record in found])
        return found

    def _load_sources(self, model: type, pks: list[int]) -> None:
        """The documents every record's values came from, newest first, in one query."""
        kind = ContentType.objects.get_for_model(model)
        evidence = (
            Evidence.objects.filter(content_type=kind, object_id__in=pks, set_aside=False)
            .select_related("document")
            .only("object_id", "document__id", "document__title", "document__filename",
                  "document__dateline", "document__created_at")
            .order_by("-document__created_at", "document_id")
        )  # fmt: skip
        for item in evidence:
            documents = self.documents.setdefault((kind.pk, item.object_id), [])
            if item.document not in documents:
                documents.append(item.document)

    def build(self) -> AnnualReport:
        by_area: dict[str, list[list[Statement]]] = defaultdict(lambda: [[] for _ in range(5)])
        events = self._records(Event, ("start", "end"), False)
        for event in sorted(events, key=lambda e: (e.start.earliest(), e.key)):
            self._add(by_area, event, EVENTS, self._event_sentence(event))
        agreements = [
            a
            for a in self._records(Agreement, ("date", "date"), False)
            if a.status in ("adopted", "signed", "in-force")
        ]
        for agreement in sorted(agreements, key=lambda a: (a.date.earliest(), a.key)):
            self._add(by_area, agreement, AGREEMENTS, self._agreement_sentence(agreement))
        projects = self._records(Project, ("planned_start", "planned_end"), True)
        projects += [
            p
            for p in self._records(Project, ("actual_start", "actual_end"), True)
            if p.pk not in {q.pk for q in projects}
        ]
        for project in sorted(projects, key=lambda p: p.key):
            placed = self._project_sentence(project)
            if placed:
                self._add(by_area, project, *placed)
        headings = block_headings()
        sections = [
            Section(code, self._area_heading(code), [
                Block(heading, statements)
                for heading, statements in zip(headings, by_area[code], strict=True)
            ])
            for code in self._area_order(by_area)
        ]  # fmt: skip
        return AnnualReport(
            year=self.year,
            lang=self.lang,
            title=_("Environmental cooperation in %(year)s: annual report")
            % {"year": display_year(self.year, self.lang)},
            scope=self._scope(),
            sections=sections,
            next_year=self._priorities(),
            citations=sorted(self.citations.values(), key=lambda c: c.number),
            summary_headings=headings,
            summary=[
                (section.heading, [section.count(i) for i in range(5)]) for section in sections
            ],
            generated=format_partial_date(PartialDate.parse(dt.date.today()), self.lang),
        )

    def _add(self, by_area: dict, record: object, block: int, sentence: tuple[str, Name]) -> None:
        text, name = sentence
        statement = Statement(text, name, self._url(record), self._cite(record))
        codes = [area.code for area in record.report_areas] or [OTHER]  # type: ignore[attr-defined]
        for code in codes:
            by_area[code][block].append(statement)

    def _area_order(self, by_area: dict) -> list[str]:
        order = [code for code in AreaCode.values if code in by_area]
        return order + ([OTHER] if OTHER in by_area else [])

    def _area_heading(self, code: str) -> str:
        if code == OTHER:
            return _("Other cooperation")
        area = self.areas.get(code)
        return str(area.name_in(self.lang)) if area else code

    def _scope(self) -> str:
        parts = []
        if self.partner:
            parts.append(
                _("ASEAN–%(partner)s cooperation") % {"partner": self._country_name(self.partner)}
            )
        if self.country:
            parts.append(self._country_name(self.country))
        return " · ".join(parts)

    def _country_name(self, code: str) -> str:
        country = self.countries.get(code)
        return str(country.name_in(self.lang)) if country else code

    # -- names and dates

    def _name(self, record: object) -> Name:
        key = (type(record), record.pk)  # type: ignore[attr-defined]
        if key not in self.names:
            self.names[key] = self._pick_name(record)
        return self.names[key]

    def _url(self, record: object) -> str:
        key = (type(record), record.pk)  # type: ignore[attr-defined]
        if key not in self.urls:
            self.urls[key] = self.site + record.get_absolute_url()  # type: ignore[attr-defined]
        return self.urls[key]

    def _pick_name(self, record: object) -> Name:
        labels = [label for label in record.report_labels if label.kind == LabelKind.NAME]  # type: ignore[attr-defined]
        for label in labels:
            if base_language(label.lang) == self.lang:
                return Name(label.text, label.lang)
        chosen = next(
            (label for label in labels if label.is_original), labels[0] if labels else None
        )
        if chosen is None:
            return Name(record.key, "und")  # type: ignore[attr-defined]
        language = self.language_names.get(base_language(chosen.lang))
        return Name(chosen.text, chosen.lang, language or chosen.lang)

    def _when(self, date: PartialDate) -> str:
        shown = format_partial_date(date, self.lang)
        if date.precision is Precision.DAY:
            return _("on %(date)s") % {"date": shown}
        if date.precision is Precision.YEAR:
            return pgettext("a year", "in %(date)s") % {"date": shown}
        return _("in %(date)s") % {"date": shown}

    # -- sentences

    def _event_sentence(self, event: Event) -> tuple[str, Name]:
        name = self._name(event)
        shown = _quoted(name)
        if event.end and event.end != event.start:
            dates = format_period(event.start, event.end, self.lang)
            when = (
                _("on %(date)s") % {"date": dates}
                if event.start.precision is Precision.DAY
                else _("in %(date)s") % {"date": dates}
            )
        else:
            when = self._when(event.start)
        parts = [event.place]
        if event.country_id:
            code = self.country_codes[event.country_id]
            country = self._country_name(code)
            same = {country.casefold(), str(self.countries[code].name_in("en")).casefold()}
            if event.place.casefold() not in same:
                parts.append(country)
        place = ", ".join(part for part in parts if part)
        if event.start.earliest() > self.today:  # the current or the next year: not held yet
            if place and event.mode != "online":
                return _("%(name)s is to be held in %(place)s %(when)s.") % {
                    "name": shown, "place": place, "when": when,
                }, name  # fmt: skip
            return _("%(name)s is to be held %(when)s.") % {"name": shown, "when": when}, name
        if event.mode == "online":
            return _("%(name)s was held online %(when)s.") % {"name": shown, "when": when}, name
        if place:
            return _("%(name)s was held in %(place)s %(when)s.") % {
                "name": shown, "place": place, "when": when,
            }, name  # fmt: skip
        return _("%(name)s was held %(when)s.") % {"name": shown, "when": when}, name

    def _agreement_sentence(self, agreement: Agreement) -> tuple[str, Name]:
        name = self._name(agreement)
        values = {"name": _quoted(name), "when": self._when(agreement.date)}
        if agreement.status == "signed":
            return _("%(name)s was signed %(when)s.") % values, name
        if agreement.status == "in-force":
            return _("%(name)s entered into force %(when)s.") % values, name
        return _("%(name)s was adopted %(when)s.") % values, name

    def _project_sentence(self, project: Project) -> tuple[int, tuple[str, Name]] | None:
        start, end = project.start, project.end
        name = self._name(project)
        shown = _quoted(name)
        if project.activity_status in _NOT_UNDER_WAY:
            return None  # in the pipeline, cancelled or suspended: nothing to report
        closed = project.activity_status in (3, 4)
        if start and end and start.year == end.year == self.year and closed:
            return COMPLETED, (
                _("%(name)s started %(start)s and was completed %(end)s.")
                % {"name": shown, "start": self._when(start), "end": self._when(end)},
                name,
            )
        if start and start.year == self.year:
            return STARTED, (
                _("%(name)s started %(when)s.") % {"name": shown, "when": self._when(start)},
                name,
            )
        if end and end.year == self.year and closed:
            return COMPLETED, (
                _("%(name)s was completed %(when)s.") % {"name": shown, "when": self._when(end)},
                name,
            )
        if start and start.year < self.year and (end is None or end.year >= self.year):
            period = format_period(start, end, self.lang)
            return RUNNING, (
                _("%(name)s continued (%(period)s).") % {"name": shown, "period": period},
                name,
            )
        return None

    # -- next year

    def _priorities(self) -> list[Section]:
        priorities = list(
            Priority.objects.filter(year=self.year + 1).prefetch_related(
                *_PLAIN_LISTS,
                "partner_countries",
            )
        )
        self._load_sources(Priority, [priority.pk for priority in priorities])
        by_area: dict[str, list[Statement]] = defaultdict(list)
        for priority in priorities:
            codes = {c.code for c in priority.partner_countries.all()}
            if (self.partner and codes and self.partner not in codes) or (
                self.country and codes and self.country not in codes
            ):
                continue
            name = self._name(priority)
            description = pick_label(priority.report_labels, LabelKind.DESCRIPTION, self.lang)  # type: ignore[attr-defined]
            text = _quoted(name)
            if description and base_language(description.lang) == self.lang:
                text += f": {description.text}"
            if priority.kind == "emerging":
                text = _("Emerging issue: %(text)s") % {"text": text}
            statement = Statement(text, name, self._url(priority), self._cite(priority))
            for code in [a.code for a in priority.report_areas] or [OTHER]:  # type: ignore[attr-defined]
                by_area[code].append(statement)
        heading = _("Priorities for %(year)s") % {"year": display_year(self.year + 1, self.lang)}
        return [
            Section(code, self._area_heading(code), [Block(heading, by_area[code])])
            for code in self._area_order(by_area)
        ]

    # -- citations

    def _cite(self, record: object) -> list[int]:
        """Numbers of the record's sources: its documents, else its own registry page."""
        numbers = []
        kind = ContentType.objects.get_for_model(record)
        for document in self.documents.get((kind.pk, record.pk), []):  # type: ignore[attr-defined]
            key = ("document", document.pk)
            if key not in self.citations:
                if document.dateline:
                    date = format_partial_date(document.dateline, self.lang)
                else:  # the day it was added, said as such: not the day it was written
                    added = PartialDate.parse(document.created_at.date())
                    date = _("added %(date)s") % {"date": format_partial_date(added, self.lang)}
                self._citation(key, str(document), date, self.site + document.get_absolute_url())
            numbers.append(self.citations[key].number)
        if not numbers:
            url = self._url(record)
            key = ("record", url)
            if key not in self.citations:
                title = _("envcoop registry: %(name)s") % {"name": self._name(record).text}
                updated = PartialDate.parse(record.updated_at.date())  # type: ignore[attr-defined]
                date = _("updated %(date)s") % {"date": format_partial_date(updated, self.lang)}
                self._citation(key, title, date, url)
            numbers.append(self.citations[key].number)
        return sorted(numbers)

    def _citation(self, key: tuple[str, object], title: str, date: str, url: str) -> None:
        self.citations[key] = Citation(len(self.citations) + 1, title, date, url)


def _quoted(name: Name) -> str:
    """The name as a sentence shows it: with its language when not the reader's."""
    return f"{name.text} ({name.marked})" if name.marked else name.text
