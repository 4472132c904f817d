"""The "Edit, then accept" form: every field of the claim's kind, checked the way a reviewer
types it (partial dates, Buddhist-era years, countries and series chosen from the registry),
and where the claim goes (the matched record, a new one, or another record, found by name
with the picker or by key)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from envcoop.core.countries import country_name
from envcoop.core.partial_date import (
    BUDDHIST_ERA_OFFSET,
    MAX_YEAR,
    MIN_YEAR,
    PartialDate,
    PartialDateError,
)
from envcoop.ingestion.models import Claim
from envcoop.registry.models import AgreementKind, Country, EventSeries, Fund
from envcoop.review.picker import MAX_QUERY, Ambiguous, record_named
from envcoop.review.records import EDITABLE, country_code, fund_key, organisation_keys

# A year from here on is a Buddhist-era year (2443 BE = 1900 CE, the earliest year we keep).
BUDDHIST_ERA_START = MIN_YEAR + BUDDHIST_ERA_OFFSET
MAX_ORGANISATIONS = 60
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")  # 22/08/2023, 22.8.2566
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.](\d{4})$")  # 08/2023

LABELS = {
    "name": _("Name"),
    "series": _("Series"),
    "ordinal": _("Number in series"),
    "start": _("Start"),
    "end": _("End"),
    "place": _("Place"),
    "country": _("Country"),
    "host": _("Host country"),
    "kind": _("Kind"),
    "date": _("Date"),
    "fund": _("Fund"),
    "acronym": _("Acronym"),
}
DATE_HELP = _("2023, 2023-08, 2023-08-22 or 22/08/2023; a Buddhist-era year (2566) is read too.")


def _ascii_digits(text: str) -> str:
    """Thai, Lao, Khmer ... digits as 0-9 (๒๕๖๖ is 2566)."""
    return "".join(
        str(unicodedata.digit(char)) if unicodedata.category(char) == "Nd" else char
        for char in text
    )


class PartialDateInput(forms.CharField):
    """A date known to the year, month or day, as ISO text ("2023", "2023-08", "2023-08-22").
    Reads 22/08/2023 (day first, as ASEAN writes it), 08/2023 and Buddhist-era years."""

    default_error_messages = {
        "invalid": _("Write a date as 2023, 2023-08, 2023-08-22 or 22/08/2023."),
        "year": _("Write a year from 1900 to 2200 (or 2443 to 2743 in the Buddhist era)."),
        "month": _("There is no month %(month)s: write a month from 1 to 12."),
        "day": _("%(date)s is not a day in the calendar."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("help_text", DATE_HELP)
        super().__init__(**kwargs)
        self.widget.attrs.update({"size": 12, "autocomplete": "off"})

    def to_python(self, value: Any) -> str | None:
        text = _ascii_digits(" ".join(str(value or "").split()))
        if not text:
            return None
        if len(text) > 40:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if found := _ISO.match(text):
            year, month, day = found.groups()
        elif found := _DAY_FIRST.match(text):
            day, month, year = found.groups()
        elif found := _MONTH_YEAR.match(text):
            month, year, day = *found.groups(), None
        else:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        number = int(year)
        if number >= BUDDHIST_ERA_START:
            number -= BUDDHIST_ERA_OFFSET
        if not MIN_YEAR <= number <= MAX_YEAR:
            raise forms.ValidationError(self.error_messages["year"], code="year")
        if month is not None and not 1 <= int(month) <= 12:
            raise forms.ValidationError(
                self.error_messages["month"], code="month", params={"month": month}
            )
        try:
            date = PartialDate(number, int(month) if month else None, int(day) if day else None)
        except PartialDateError:
            raise forms.ValidationError(
                self.error_messages["day"], code="day", params={"date": text}
            ) from None
        return date.isoformat()


def country_choices(*extra: object) -> list[tuple[str, str]]:
    """The registry's countries by name in the reader's language (and ``extra`` codes the
    registry has not yet), for a choice."""
    lang = get_language() or "en"
    codes = set(Country.objects.values_list("code", flat=True))
    codes |= {code for value in extra if (code := country_code(value))}
    return sorted(((code, country_name(code, lang)) for code in codes), key=lambda c: c[1])


def _named_choices(model: Any) -> list[tuple[str, str]]:
    pairs = [(r.key, str(r.display_name)) for r in model.objects.prefetch_related("labels")]
    return sorted(pairs, key=lambda pair: pair[1].casefold())


def _choice(label: Any, choices: list[tuple[str, Any]], *, required: bool = False) -> forms.Field:
    return forms.ChoiceField(
        label=label,
        required=required,
        choices=[("", "—"), *choices],
        error_messages={"invalid_choice": _("Choose one of the values in the list.")},
    )


class ClaimForm(forms.Form):
    """The claim's values, to correct before accepting, and where it goes."""

    target = forms.ChoiceField(
        label=_("Into"),
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose where the claim goes from the list.")},
    )
    other = forms.CharField(
        label=_("Another record"),
        help_text=_("Type a name in any language, an acronym or the record's key."),
        required=False,
        max_length=MAX_QUERY,
    )

    def __init__(self, *args: Any, claim: Claim, choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.claim = claim
        self.record: Any = None  # the other record chosen, once cleaned
        self.listed: dict[str, list[str]] = {}  # the organisations the claim lists itself
        self.fields["target"].choices = choices
        self.fields["other"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        value = claim.value
        for name in EDITABLE[claim.kind]:
            if name in ("parties", "partners"):
                self._add_parties(name, value.get(name))
                continue
            field = self._field(name, value.get(name))
            field.label = LABELS[name]
            self.fields[f"v_{name}"] = field

    def _field(self, name: str, initial: Any) -> forms.Field:
        field: forms.Field
        if name == "ordinal":
            field = forms.IntegerField(min_value=1, max_value=32767, required=False)
        elif name in ("start", "end", "date"):
            field = PartialDateInput(required=False)
        elif name in ("country", "host"):
            field = _choice(LABELS[name], country_choices(initial))
            initial = country_code(initial)
        elif name == "series":
            field = _choice(LABELS[name], _named_choices(EventSeries))
        elif name == "kind":
            field = _choice(LABELS[name], list(AgreementKind.choices))
        elif name == "fund":
            field = _choice(LABELS[name], _named_choices(Fund))
            initial = fund_key(initial)
        else:
            limit = {"place": 200, "acronym": 100}.get(name, 500)
            field = forms.CharField(required=name == "name", max_length=limit)
        field.initial = initial
        return field

    def _add_parties(self, name: str, listed: Any) -> None:
        listed = [p for p in (listed if isinstance(listed, list) else []) if isinstance(p, str)]
        codes = [code for p in listed if (code := country_code(p))]
        others = [p for p in listed if not country_code(p)]
        who = _("Parties") if name == "parties" else _("Partners")
        self.fields[f"v_{name}_countries"] = forms.MultipleChoiceField(
            label=_("%(who)s: countries") % {"who": who},
            choices=country_choices(*codes),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            initial=codes,
            error_messages={"invalid_choice": _("Choose countries from the list.")},
        )
        self.listed[name] = others
        self.fields[f"v_{name}_organisations"] = forms.CharField(
            label=_("%(who)s: organisations") % {"who": who},
            help_text=_(
                "One a line: an organisation's name, acronym or key in the registry. A name "
                "from the document that the registry does not know stays, linked to nothing."
            ),
            required=False,
            max_length=MAX_ORGANISATIONS * 202,
            widget=forms.Textarea(attrs={"rows": min(8, max(3, len(others) + 1)), "cols": 40}),
            initial="\n".join(others),
        )

    def _clean_organisations(self, name: str) -> list[str]:
        field = f"v_{name}_organisations"
        lines = [
            " ".join(line.split()) for line in (self.cleaned_data.get(field) or "").split("\n")
        ]
        lines = list(dict.fromkeys(line for line in lines if line))
        if len(lines) > MAX_ORGANISATIONS:
            self.add_error(field, _("Give at most %(count)s.") % {"count": MAX_ORGANISATIONS})
            return []
        for line in lines:
            if len(line) > 200:
                self.add_error(field, _("A line is longer than 200 characters."))
            elif line not in self.listed.get(name, []) and not organisation_keys([line]):
                self.add_error(
                    field,
                    _(
                        "The registry knows no organisation called “%(name)s”: give its name, "
                        "acronym or key as the registry has it, or remove the line."
                    )
                    % {"name": line},
                )
        return lines

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("v_start"), data.get("v_end")
        if start and end and PartialDate.parse(end).latest() < PartialDate.parse(start).earliest():
            self.add_error("v_end", _("The end is before the start."))
        for name in ("parties", "partners"):
            if name in EDITABLE[self.claim.kind]:
                data[f"v_{name}"] = list(data.get(f"v_{name}_countries") or []) + (
                    self._clean_organisations(name)
                )
        if data.get("target") == "other":
            text = (data.get("other") or "").strip()
            try:
                self.record = record_named(self.claim.kind, text) if text else None
            except Ambiguous:
                self.add_error(
                    "other",
                    _("Several records have this name: choose one in the list, or give its key."),
                )
            else:
                if not text:
                    self.add_error("other", _("Type the other record's name or key."))
                elif self.record is None:
                    self.add_error("other", _("No record of this kind has this key or name."))
        return data

    def edits(self) -> dict[str, Any]:
        """The values the reviewer changed (a field left as the claim had it is no edit)."""
        edits: dict[str, Any] = {}
        for name in EDITABLE[self.claim.kind]:
            value = self.cleaned_data.get(f"v_{name}")
            value = None if value in ("", []) else value
            before = self.claim.value.get(name)
            before = None if before in ("", []) else before
            if name in ("country", "host"):
                before = country_code(before)  # as chosen: a code, or none
            elif name == "fund":
                before = fund_key(before)
            if name in ("parties", "partners") and value is not None and before is not None:
                same = sorted(map(str, value)) == sorted(map(str, before))
            else:
                same = value == before
            if not same:
                edits[name] = value
        return edits
