"""An action plan's implementation matrix: how far each strategic direction has got.

Rows are the framework's components, each followed by its action lines; columns are the
years of the framework's period (or, with no period, the years its activity spans).
A cell holds the projects, events and agreements linked to that row in that year, each
with a status: a project by its IATI activity status, in every year it runs; an event in
the year it starts, as held or planned; an agreement in the year of its date, by its
status. A component's row holds what is linked to it or to any of its action lines.
Records with no date, or dated outside the period, get a column of their own. Totals count distinct records per
row and per year; components with nothing linked are listed apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from envcoop.core.formatting import display_year
from envcoop.registry.models import Agreement, Event, Framework, Project
from envcoop.registry.models.base import Label
from envcoop.registry.models.frameworks import ActionLine, Component

_LABELS = Prefetch("labels", queryset=Label.objects.order_by("pk"))


@dataclass(frozen=True)
class Item:
    kind: str  # "project", "event", "agreement"
    key: str
    name: str
    url: str
    status: str  # a CSS-friendly code: "project-2", "event-held", "agreement-signed"
    status_label: str

    @property
    def stage(self) -> str:
        """How far it has got, for colours: "done", "under-way", "planned" or "stopped"."""
        return STAGES.get(self.status, "planned")


# Every status by its stage; the page (CSS classes stage-*) and the workbook colour by it.
STAGES = {
    "project-4": "done", "project-3": "done", "event-held": "done",
    "agreement-signed": "done", "agreement-in-force": "done", "agreement-adopted": "done",
    "project-2": "under-way", "project-1": "planned", "project-0": "planned",
    "event-planned": "planned", "agreement-draft": "planned",
    "project-5": "stopped", "project-6": "stopped",
}  # fmt: skip


@dataclass
class Row:
    label: str
    level: int  # 0 component, 1 action line
    cells: list[list[Item]]
    total: int = 0
    undated: list[Item] = field(default_factory=list)  # linked, no date in the period


@dataclass
class Matrix:
    framework: str
    framework_key: str
    lang: str
    years: list[int]
    rows: list[Row]
    column_totals: list[int]
    total: int
    idle: list[str] = field(default_factory=list)  # components with no activity
    undated: int = 0  # records linked with no date (a column of their own when any)

    @property
    def year_labels(self) -> list[str]:
        """The column headings: the years in the reader's calendar (Thai: Buddhist era)."""
        return [display_year(year, self.lang) for year in self.years]


def implementation_matrix(key: str, *, lang: str = "en", site: str = "") -> Matrix:
    """Raises Framework.DoesNotExist for an unknown key."""
    with translation.override(lang):
        return _build(key, lang, site, timezone.localdate())


def _build(key: str, lang: str, site: str, today: dt.date) -> Matrix:
    framework = Framework.objects.prefetch_related(
        Prefetch(
            "components",
            queryset=Component.objects.prefetch_related(
                _LABELS,
                Prefetch("action_lines", queryset=ActionLine.objects.prefetch_related(_LABELS)),
            ),
        ),
        _LABELS,
    ).get(key=key)
    linked = Q(components__framework=framework) | Q(action_lines__component__framework=framework)
    items: list[tuple[Item, set[int], set[int], set[int]]] = []  # item, years, components, lines
    for model in (Project, Event, Agreement):
        records = (
            model.objects.filter(linked)
            .distinct()
            .prefetch_related(_LABELS, "components", "action_lines")
        )
        for record in records:
            item, years = _item(record, lang, site, today)
            components = {c.pk for c in record.components.all()}
            lines = {line.pk for line in record.action_lines.all()}
            items.append((item, years, components, lines))
    years = _years(framework, [years for _, years, _, _ in items], today)
    rows: list[Row] = []
    idle: list[str] = []
    for component in framework.components.all():
        lines = list(component.action_lines.all())
        line_ids = {line.pk for line in lines}
        label = f"{component.number}. {component.name_in(lang) or component.fallback_name()}"
        row = _row(label, 0, years, [
            (item, found) for item, found, comps, ls in items if component.pk in comps or ls & line_ids
        ])  # fmt: skip
        rows.append(row)
        if not row.total:
            idle.append(label)
        for line in lines:
            rows.append(_row(
                f"{line.code} {line.name_in(lang) or ''}".strip(), 1, years,
                [(item, found) for item, found, _c, ls in items if line.pk in ls],
            ))  # fmt: skip
    column_totals = [
        len({(i.kind, i.key) for i, found, _c, _l in items if year in found}) for year in years
    ]
    placed = {(i.kind, i.key) for i, found, _c, _l in items if found & set(years)}
    undated = sum(1 for _i, found, _c, _l in items if not found & set(years))
    return Matrix(
        framework=str(framework.name_in(lang) or framework.key),
        framework_key=framework.key,
        lang=lang,
        years=years,
        rows=rows,
        column_totals=column_totals,
        total=len(placed) + undated,
        idle=idle,
        undated=undated,
    )


def _row(label: str, level: int, years: list[int], found: list[tuple[Item, set[int]]]) -> Row:
    cells = [[item for item, item_years in found if year in item_years] for year in years]
    undated = [item for item, item_years in found if not item_years & set(years)]
    placed = {(item.kind, item.key) for item, item_years in found if item_years & set(years)}
    return Row(label, level, cells, len(placed) + len(undated), undated)


def _years(framework: Framework, spans: list[set[int]], today: dt.date) -> list[int]:
    if framework.period_start:
        first = framework.period_start.year
        last = framework.period_end.year if framework.period_end else max(today.year, first)
    else:
        every = set().union(*spans) if spans else set()
        if not every:
            return [today.year]
        first, last = min(every), max(every)
    return list(range(first, last + 1))


def _item(record: object, lang: str, site: str, today: dt.date) -> tuple[Item, set[int]]:
    name = str(record.name_in(lang) or record.key)  # type: ignore[attr-defined]
    url = site + record.get_absolute_url()  # type: ignore[attr-defined]
    if isinstance(record, Project):
        start, end = record.start, record.end
        years: set[int] = set()
        if start:
            last = end.year if end else today.year
            years = set(range(start.year, max(last, start.year) + 1))
        status = record.activity_status or 0
        label = record.get_activity_status_display() if status else _("status not known")
        return Item("project", record.key, name, url, f"project-{status}", str(label)), years
    if isinstance(record, Event):
        if record.start is None:
            return Item("event", record.key, name, url, "event-planned", _("planned")), set()
        held = (record.end or record.start).earliest() < today
        status, label = ("event-held", _("held")) if held else ("event-planned", _("planned"))
        return Item("event", record.key, name, url, status, str(label)), {record.start.year}
    agreement: Agreement = record  # type: ignore[assignment]
    years = {agreement.date.year} if agreement.date else set()
    return (
        Item("agreement", agreement.key, name, url, f"agreement-{agreement.status}",
             str(agreement.get_status_display())),
        years,
    )  # fmt: skip
