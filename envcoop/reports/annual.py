"""The annual report: what the cooperation did in a year, area by area, and what comes next.

Built from the registry in the reader's language: per area, the events held, the
agreements adopted, signed or entered into force, and the projects started, running and
completed that year, each as a short factual sentence; then the priorities recorded for
the next year. Each record is stated once, under the first of its areas in the report's
order, with its other areas named ("also: ..."), so the summary adds up. Every statement
cites its sources: the documents its values came from (review evidence), or the registry
page of a record typed in by hand. Dates the sources still disagree on are stated as a
disagreement, each value with its sources (``disputes``). Names are the reader's language,
else English, else the original, with the language named (``names``); records without a
name in the reader's language are listed for reviewers. Dates are written out in full
(``core.long_dates``), places in the reader's language where CLDR knows them.
The same ``AnnualReport`` is written out as HTML, Markdown and DOCX.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from babel import Locale
from babel.lists import format_list
from django.db.models import Model, Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from envcoop.accounts.roles import User
from envcoop.core.folding import fold
from envcoop.core.formatting import babel_locale, display_year
from envcoop.core.languages import base_language
from envcoop.core.long_dates import format_date_alternatives, format_long_date, format_long_period
from envcoop.core.partial_date import PartialDate, Precision
from envcoop.core.places import place_in
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
from envcoop.reports.annual_data import (
    AGREEMENTS,
    COMPLETED,
    EVENTS,
    OTHER,
    RUNNING,
    STARTED,
    AnnualReport,
    Block,
    Citation,
    Disputed,
    MissingName,
    Name,
    Section,
    Statement,
    block_headings,
)
from envcoop.reports.citations import Citations
from envcoop.reports.disputes import Alternative, date_alternatives, disputed_ids
from envcoop.reports.names import pick_name, quoted

LANGUAGES = ("en", "th", "vi")
# Labels and areas as plain lists on each record: a related manager, even prefetched,
# builds a filtered query object on every access (most of the time of a long report).
_PLAIN_LISTS = (
    Prefetch("labels", queryset=Label.objects.order_by("pk"), to_attr="report_labels"),
    Prefetch("areas", to_attr="report_areas"),
)

# IATI activity statuses with nothing done to report: pipeline, cancelled, suspended.
_NOT_UNDER_WAY = (1, 5, 6)
_IMPLEMENTATION = 2  # IATI: under way


def _counted_once() -> str:
    return _(
        "Each record is counted once, under the first of its areas; its other areas are "
        "named beside it."
    )


__all__ = [
    "AGREEMENTS", "COMPLETED", "EVENTS", "LANGUAGES", "OTHER", "RUNNING", "STARTED",
    "AnnualReport", "Block", "Citation", "Disputed", "MissingName", "Name", "Section",
    "Statement", "annual_report", "block_headings",
]  # fmt: skip


# ------------------------------------------------------------------ building


def annual_report(
    year: int,
    *,
    lang: str = "en",
    partner: str | None = None,
    country: str | None = None,
    site_url: str = "",
    reader: User | None = None,
) -> AnnualReport:
    """The report for ``year`` in ``lang``, narrowed to records involving ``partner``
    and ``country`` (ISO codes) when given. Links start with ``site_url``. ``reader``:
    whom it is for (None: the public), which says which documents it cites by name."""
    with translation.override(lang):
        return _Builder(year, lang, partner, country, site_url.rstrip("/"), reader).build()


Placed = dict[str, list[list[Statement]]]  # area code -> a list of statements per block


class _Builder:
    def __init__(
        self,
        year: int,
        lang: str,
        partner: str | None,
        country: str | None,
        site: str,
        reader: User | None,
    ) -> None:
        self.year, self.lang, self.site = year, lang, site
        self.today = timezone.localdate()
        self.partner = partner.upper() if partner else None
        self.country = country.upper() if country else None
        self.sources = Citations(
            lang, site, self._url, lambda record: self._name(record).text, reader
        )
        self.areas = {
            area.code: area for area in Area.objects.prefetch_related("labels").order_by("pk")
        }
        self.area_order = {code: index for index, code in enumerate(AreaCode.values)}
        countries = list(Country.objects.prefetch_related("labels"))
        self.countries = {country.code: country for country in countries}
        self.country_codes = {country.pk: country.code for country in countries}
        self.country_names = {  # every name of every country, to tell a place that is one
            country.code: {fold(label.text) for label in country.labels.all()}
            for country in countries
        }
        self.language_names = Locale.parse(babel_locale(lang)).languages
        self.names: dict[tuple[type, int], Name] = {}
        self.urls: dict[tuple[type, int], str] = {}
        self.missing: dict[tuple[str, int], MissingName] = {}
        self.undated = 0  # projects under way with no recorded dates
        self.also: dict[tuple[str, ...], str] = {}

    # -- records

    def _narrow(self, records: QuerySet) -> QuerySet:
        for code in (self.partner, self.country):
            if code:
                records = involving_country(records, code)
        return records

    def _records(self, model: type, span: tuple[str, str], open_ended: bool) -> list:
        records = model.objects.filter(overlaps_year(*span, self.year, open_ended=open_ended))
        return self._loaded(model, self._narrow(records))

    def _loaded(self, model: type, records: QuerySet) -> list:
        found = list(records.prefetch_related(*_PLAIN_LISTS))
        self.sources.load(model, [record.pk for record in found])
        return found

    def build(self) -> AnnualReport:
        placed: Placed = defaultdict(lambda: [[] for _ in range(5)])
        events = self._records(Event, ("start", "end"), False)
        disputed = disputed_ids(Event, "event")
        for event in sorted(events, key=lambda e: (e.start.earliest(), e.key)):
            alternatives = date_alternatives(event, "event") if event.pk in disputed else []
            text, name = self._event_sentence(event, alternatives)
            self._add(placed, event, "event", EVENTS, text, name, alternatives)
        agreements = [
            a
            for a in self._records(Agreement, ("date", "date"), False)
            if a.status in ("adopted", "signed", "in-force")
        ]
        for agreement in sorted(agreements, key=lambda a: (a.date.earliest(), a.key)):
            text, name = self._agreement_sentence(agreement)
            self._add(placed, agreement, "agreement", AGREEMENTS, text, name, [])
        self._projects(placed)
        headings = block_headings()
        sections = [
            Section(code, self._area_heading(code), [
                Block(heading, statements)
                for heading, statements in zip(headings, placed[code], strict=True)
            ])
            for code in self._area_order(placed)
        ]  # fmt: skip
        summary = [(section.heading, [section.count(i) for i in range(5)]) for section in sections]
        return AnnualReport(
            year=self.year,
            lang=self.lang,
            title=_("Environmental cooperation in %(year)s: annual report")
            % {"year": display_year(self.year, self.lang)},
            scope=self._scope(),
            sections=sections,
            next_year=self._priorities(),
            citations=self.sources.in_order(),
            summary_headings=headings,
            summary=summary,
            totals=[sum(counts[i] for _, counts in summary) for i in range(5)],
            undated_note=self._undated_note(),
            summary_note=" ".join(filter(None, [_counted_once(), self._undated_note()])),
            generated=format_long_date(PartialDate.parse(dt.date.today()), self.lang),
            missing=list(self.missing.values()),
        )

    def _projects(self, placed: Placed) -> None:
        projects = self._records(Project, ("planned_start", "planned_end"), True)
        seen = {p.pk for p in projects}
        projects += [
            p
            for p in self._records(Project, ("actual_start", "actual_end"), True)
            if p.pk not in seen
        ]
        disputed = disputed_ids(Project, "project")
        for project in sorted(projects, key=lambda p: p.key):
            alternatives = date_alternatives(project, "project") if project.pk in disputed else []
            found = self._project_sentence(project, alternatives)
            if found:
                block, text, name = found
                self._add(placed, project, "project", block, text, name, alternatives)
        for project in self._undated_projects():
            name = self._name(project)
            period = (
                _("start not recorded, until %(end)s")
                % {"end": format_long_date(project.end, self.lang)}
                if project.end
                else _("dates not recorded")
            )
            text = _("%(name)s continued (%(period)s).") % {"name": quoted(name), "period": period}
            self._add(placed, project, "project", RUNNING, text, name, [])
            self.undated += 1

    def _undated_projects(self) -> list[Project]:
        """Projects under way whose start is not recorded: running in every year up to this
        one that their end (if recorded) and their frameworks' periods (if linked) allow."""
        if self.year > self.today.year:
            return []
        records = Project.objects.filter(
            activity_status=_IMPLEMENTATION, planned_start__isnull=True, actual_start__isnull=True
        ).prefetch_related("components__framework")
        found = []
        for project in self._loaded(Project, self._narrow(records).order_by("key")):
            if project.end and project.end.year < self.year:
                continue
            periods = [
                (f.period_start, f.period_end)
                for f in {c.framework for c in project.components.all()}
                if f.period_start
            ]
            if periods and not any(
                start.year <= self.year and (end is None or end.year >= self.year)
                for start, end in periods
            ):
                continue
            found.append(project)
        return found

    def _undated_note(self) -> str:
        if not self.undated:
            return ""
        return ngettext(
            "%(count)d project under way has no recorded dates; it is counted under “%(block)s”.",
            "%(count)d projects under way have no recorded dates; they are counted under "
            "“%(block)s”.",
            self.undated,
        ) % {"count": self.undated, "block": block_headings()[RUNNING]}

    def _add(
        self,
        placed: Placed,
        record: Model,
        kind: str,
        block: int,
        text: str,
        name: Name,
        alternatives: list[Alternative],
    ) -> None:
        """The statement once, under the record's first area, its other areas named."""
        codes = self._codes(record)
        notes = self.sources.cite(record)
        disputed = [self._disputed(record, alternative) for alternative in alternatives]
        statement = Statement(text, name, self._url(record), notes, self._also(codes[1:]), disputed)
        placed[codes[0]][block].append(statement)
        self._note_missing(record, kind, name)

    def _codes(self, record: Model) -> list[str]:
        """The record's areas in the report's order, or OTHER."""
        codes = sorted(
            (area.code for area in record.report_areas),  # type: ignore[attr-defined]
            key=lambda code: self.area_order.get(code, len(self.area_order)),
        )
        return codes or [OTHER]

    def _also(self, codes: list[str]) -> str:
        """ "also: Biodiversity and Chemicals and waste" (once per set of areas)."""
        if not codes:
            return ""
        key = tuple(codes)
        if key not in self.also:
            headings = [self._area_heading(code) for code in codes]
            shown = format_list(headings, locale=babel_locale(self.lang))
            self.also[key] = _("also: %(areas)s") % {"areas": shown}
        return self.also[key]

    def _area_order(self, placed: dict) -> list[str]:
        order = [code for code in AreaCode.values if code in placed]
        return order + ([OTHER] if OTHER in placed else [])

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

    # -- names, places and dates

    def _name(self, record: Model) -> Name:
        key = (type(record), record.pk)
        if key not in self.names:
            self.names[key] = pick_name(
                record.report_labels,  # type: ignore[attr-defined]
                self.lang,
                self.language_names,
                record.key,  # type: ignore[attr-defined]
            )
        return self.names[key]

    def _note_missing(self, record: Model, kind: str, name: Name) -> None:
        if base_language(name.lang) == self.lang or (kind, record.pk) in self.missing:
            return
        names = tuple(
            (label.lang, label.text)
            for label in record.report_labels  # type: ignore[attr-defined]
            if label.kind == LabelKind.NAME
        )
        self.missing[(kind, record.pk)] = MissingName(
            kind,
            record.key,
            record.pk,
            self._url(record),
            name,
            names,  # type: ignore[attr-defined]
        )

    def _url(self, record: Model) -> str:
        key = (type(record), record.pk)
        if key not in self.urls:
            self.urls[key] = self.site + record.get_absolute_url()  # type: ignore[attr-defined]
        return self.urls[key]

    def _place(self, event: Event) -> str:
        """ "Vientiane, Laos" in the reader's language, as far as CLDR and the registry know."""
        code = self.country_codes.get(event.country_id) if event.country_id else None
        place = event.place
        if code and fold(place) in self.country_names.get(code, set()):
            place = ""  # the place is the country itself: said once, in the reader's words
        parts = [place_in(place, self.lang, code), self._country_name(code) if code else ""]
        return ", ".join(part for part in parts if part)

    def _when(self, date: PartialDate) -> str:
        shown = format_long_date(date, self.lang)
        if date.precision is Precision.DAY:
            return _("on %(date)s") % {"date": shown}
        if date.precision is Precision.YEAR:
            return pgettext("a year", "in %(date)s") % {"date": shown}
        return _("in %(date)s") % {"date": shown}

    def _when_span(self, start: PartialDate, end: PartialDate | None) -> str:
        if end is None or end == start:
            return self._when(start)
        dates = format_long_period(start, end, self.lang)
        if start.precision is Precision.DAY:
            return _("on %(date)s") % {"date": dates}
        return _("in %(date)s") % {"date": dates}

    def _when_disputed(self, alternatives: list[Alternative]) -> str:
        dates = format_date_alternatives([(a.start, a.end) for a in alternatives], self.lang)
        if all(a.start.precision is Precision.DAY for a in alternatives):
            return _("on %(date)s") % {"date": dates}
        return _("in %(date)s") % {"date": dates}

    def _disputed(self, record: Model, alternative: Alternative) -> Disputed:
        """One side of a disagreement, with the documents that give it (or the registry)."""
        end = alternative.end
        if end is None and not isinstance(record, Project):
            end = alternative.start  # an event with no end is a day's, not open-ended
        text = format_long_period(alternative.start, end, self.lang)
        documents = self.sources.documents_of(record)
        notes = [self.sources.document(d) for d in documents if d.pk in alternative.documents]
        return Disputed(text, sorted(notes) or [self.sources.registry(record)])

    @staticmethod
    def _differ(sentence: str, alternatives: list[Alternative]) -> str:
        """A sentence whose dates the sources disagree on says so."""
        if not alternatives:
            return sentence
        return _("%(statement)s; sources differ.") % {"statement": sentence.rstrip(".")}

    # -- sentences

    def _event_sentence(self, event: Event, alternatives: list[Alternative]) -> tuple[str, Name]:
        name = self._name(event)
        shown = quoted(name)
        if alternatives:
            when = self._when_disputed(alternatives)
        else:
            when = self._when_span(event.start, event.end)
        place = self._place(event)
        values = {"name": shown, "place": place, "when": when}
        if event.start.earliest() > self.today:  # the current or the next year: not held yet
            if place and event.mode != "online":
                text = _("%(name)s is to be held in %(place)s %(when)s.") % values
            else:
                text = _("%(name)s is to be held %(when)s.") % values
        elif event.mode == "online":
            text = _("%(name)s was held online %(when)s.") % values
        elif place:
            text = _("%(name)s was held in %(place)s %(when)s.") % values
        else:
            text = _("%(name)s was held %(when)s.") % values
        return self._differ(text, alternatives), name

    def _agreement_sentence(self, agreement: Agreement) -> tuple[str, Name]:
        name = self._name(agreement)
        values = {"name": quoted(name), "when": self._when(agreement.date)}
        if agreement.status == "signed":
            return _("%(name)s was signed %(when)s.") % values, name
        if agreement.status == "in-force":
            return _("%(name)s entered into force %(when)s.") % values, name
        return _("%(name)s was adopted %(when)s.") % values, name

    def _project_sentence(
        self, project: Project, alternatives: list[Alternative]
    ) -> tuple[int, str, Name] | None:
        """The block and sentence of a project with a recorded start; when the sources
        disagree on its dates, the sentence gives every value they give."""
        start, end = project.start, project.end
        name = self._name(project)
        shown = quoted(name)
        if project.activity_status in _NOT_UNDER_WAY or start is None:
            return None  # in the pipeline, cancelled or suspended: nothing to report
        closed = project.activity_status in (3, 4)
        if start.year == self.year and end and end.year == self.year and closed:
            block = COMPLETED
            text = _("%(name)s started %(start)s and was completed %(end)s.") % {
                "name": shown, "start": self._when(start), "end": self._when(end),
            }  # fmt: skip
        elif start.year == self.year:
            block = STARTED
            text = _("%(name)s started %(when)s.") % {"name": shown, "when": self._when(start)}
        elif end and end.year == self.year and closed:
            block = COMPLETED
            text = _("%(name)s was completed %(when)s.") % {"name": shown, "when": self._when(end)}
        elif start.year < self.year and (end is None or end.year >= self.year):
            block = RUNNING
            text = _("%(name)s continued (%(period)s).") % {
                "name": shown, "period": format_long_period(start, end, self.lang),
            }  # fmt: skip
        else:
            return None
        if alternatives:
            dates = format_date_alternatives([(a.start, a.end) for a in alternatives], self.lang)
            text = _("%(name)s: dates %(dates)s.") % {"name": shown, "dates": dates}
        return block, self._differ(text, alternatives), name

    # -- next year

    def _priorities(self) -> list[Section]:
        priorities = list(
            Priority.objects.filter(year=self.year + 1).prefetch_related(
                *_PLAIN_LISTS,
                "partner_countries",
            )
        )
        self.sources.load(Priority, [priority.pk for priority in priorities])
        by_area: dict[str, list[Statement]] = defaultdict(list)
        for priority in sorted(priorities, key=lambda p: p.key):
            codes = {c.code for c in priority.partner_countries.all()}
            if (self.partner and codes and self.partner not in codes) or (
                self.country and codes and self.country not in codes
            ):
                continue
            name = self._name(priority)
            description = pick_label(priority.report_labels, LabelKind.DESCRIPTION, self.lang)  # type: ignore[attr-defined]
            text = quoted(name)
            if description and base_language(description.lang) == self.lang:
                text += f": {description.text}"
            if priority.kind == "emerging":
                text = _("Emerging issue: %(text)s") % {"text": text}
            areas = self._codes(priority)
            statement = Statement(
                text, name, self._url(priority), self.sources.cite(priority), self._also(areas[1:])
            )
            by_area[areas[0]].append(statement)
            self._note_missing(priority, "priority", name)
        heading = _("Priorities for %(year)s") % {"year": display_year(self.year + 1, self.lang)}
        return [
            Section(code, self._area_heading(code), [Block(heading, by_area[code])])
            for code in self._area_order(by_area)
        ]
