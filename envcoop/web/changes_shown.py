"""Changes (what an accept would write, what history holds) as a reader of the page's language
reads them: labels translated, dates in their calendar, countries by name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language, gettext, gettext_lazy

from envcoop.core.countries import CountryError, clean_country, country_name
from envcoop.core.formatting import format_partial_date
from envcoop.core.languages import language_name
from envcoop.core.partial_date import PartialDate, PartialDateError
from envcoop.review.changes import AcceptChange

LABELS = {
    "name": gettext_lazy("name"),
    "alias": gettext_lazy("alias"),
    "acronym": gettext_lazy("acronym"),
    "description": gettext_lazy("description"),
    "key": gettext_lazy("key"),
    "series": gettext_lazy("series"),
    "ordinal": gettext_lazy("number in series"),
    "start": gettext_lazy("start"),
    "end": gettext_lazy("end"),
    "date": gettext_lazy("date"),
    "place": gettext_lazy("place"),
    "mode": gettext_lazy("mode"),
    "country": gettext_lazy("country"),
    "host": gettext_lazy("host"),
    "kind": gettext_lazy("kind"),
    "status": gettext_lazy("status"),
    "parties": gettext_lazy("parties"),
    "partners": gettext_lazy("partners"),
    "fund": gettext_lazy("fund"),
    "planned_start": gettext_lazy("planned start"),
    "planned_end": gettext_lazy("planned end"),
    "actual_start": gettext_lazy("actual start"),
    "actual_end": gettext_lazy("actual end"),
    "host_countries": gettext_lazy("host countries"),
    "host_organisations": gettext_lazy("host organisations"),
    "participant_countries": gettext_lazy("participating countries"),
    "participant_organisations": gettext_lazy("participating organisations"),
    "party_countries": gettext_lazy("party countries"),
    "party_organisations": gettext_lazy("party organisations"),
    "recipient_countries": gettext_lazy("countries"),
    "participating_organisations": gettext_lazy("participating organisations"),
    "partner_countries": gettext_lazy("partner countries"),
    "partner_organisations": gettext_lazy("partner organisations"),
    "areas": gettext_lazy("areas"),
    "components": gettext_lazy("framework components"),
    "action_lines": gettext_lazy("action lines"),
    "chair_country": gettext_lazy("chair"),
    "evidence": gettext_lazy("source"),
    "url": gettext_lazy("web page"),
}
_COUNTRY_FIELDS = {"country", "host", "chair_country"}


def label(name: str) -> str:
    """A field's label; "name (th)" for a name in a language."""
    base, _, rest = name.partition(" (")
    text = str(LABELS.get(base, base.replace("_", " ")))
    if rest:
        lang = rest.rstrip(")")
        return f"{text} ({language_name(lang, get_language() or 'en') if lang != 'und' else '—'})"
    return text


def value(field: str, data: Any) -> str:
    """One value as data ("2023-08-22", "LA", a key, text) the reader's way."""
    if data is None or data == "" or data == []:
        return "—"
    if isinstance(data, dict) and field == "evidence":  # a source: its document and fields
        fields = ", ".join(label(name) for name in data.get("fields", []))
        return f"{gettext('document')} {data.get('document')}: {fields}"
    if isinstance(data, list):
        return ", ".join(value(field, item) for item in data)
    lang = get_language() or "en"
    if isinstance(data, PartialDate):
        return format_partial_date(data, lang)
    text = str(data)
    if field in ("start", "end", "date") or field.startswith(("planned_", "actual_", "period_")):
        try:
            return format_partial_date(PartialDate.parse(text), lang)
        except PartialDateError:
            return text
    if field in _COUNTRY_FIELDS or field.endswith("_countries") or field in ("parties", "partners"):
        try:
            return country_name(clean_country(text), lang)
        except CountryError:
            return text
    return text


@dataclass(frozen=True)
class Row:
    label: str
    before: str
    after: str
    note: str  # why it is not simply written
    css: str  # fill, precise, conflict, name, link, evidence, value


def accept_rows(change: AcceptChange) -> list[Row]:
    """The lines of a review card's "Accepting writes" box."""
    rows: list[Row] = []
    if change.new:
        for name, data in change.values.items():
            if name in ("name", "acronym"):
                continue  # shown with the names
            rows.append(Row(label(name), "", value(name, data), "", "value"))
    notes = {
        "fill": "",
        "precise": str(gettext_lazy("changes a value the record has: asks for confirmation")),
        "conflict": str(gettext_lazy("differs: not written, left for a reviewer")),
    }
    for item in change.fields:
        rows.append(
            Row(label(item.field), value(item.field, item.before), value(item.field, item.after),
                notes[item.kind], item.kind)
        )  # fmt: skip
    for name in change.names:
        rows.append(Row(label(f"{name.kind} ({name.lang})"), "", name.text, "", "name"))
    for link in change.links:
        rows.append(Row(label(link.field), "", value(link.field, link.value), "", "link"))
    if change.evidence:
        fields = ", ".join(label(name) for name in change.evidence)
        rows.append(Row(str(gettext_lazy("sources for")), "", fields, "", "evidence"))
    return rows
