"""Filter forms for the list pages. Unknown or malformed values become form errors, not 500s."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import Choices
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from envcoop.core.countries import country_name
from envcoop.core.partial_date import BUDDHIST_ERA_OFFSET, MAX_YEAR, MIN_YEAR
from envcoop.registry.models import Area, Country, EventSeries, Fund
from envcoop.registry.selectors.filters import ListFilters

# Years from here on are read as Buddhist era (2443 BE = 1900 CE, our earliest year).
BUDDHIST_ERA_START = MIN_YEAR + BUDDHIST_ERA_OFFSET
FILTER_FIELDS = ("area", "country", "year", "status", "kind", "series", "fund", "when")


class ListFilterForm(forms.Form):
    """The filters a list page offers; built with only the fields that list supports."""

    def __init__(
        self,
        data: Any,
        *,
        fields: Iterable[str],
        status_choices: type[Choices] | None = None,
        kind_choices: type[Choices] | None = None,
        kind_label: str | None = None,
    ) -> None:
        super().__init__(data)
        lang = get_language() or "en"
        wanted = set(fields)

        def named(records: Any, value: str) -> list[tuple[str, str]]:
            pairs = [
                (getattr(r, value), str(r.display_name)) for r in records.prefetch_related("labels")
            ]
            return sorted(pairs, key=lambda pair: pair[1].casefold())

        if "area" in wanted:
            areas = Area.objects.order_by("position").prefetch_related("labels")
            self._choice("area", _("Area"), [(a.code, str(a.display_name)) for a in areas])
        if "country" in wanted:
            codes = Country.objects.values_list("code", flat=True)
            self._choice(
                "country",
                _("Country"),
                sorted(((c, country_name(c, lang)) for c in codes), key=lambda pair: pair[1]),
            )
        if "year" in wanted:
            self.fields["year"] = forms.IntegerField(
                label=_("Year"),
                required=False,
                min_value=MIN_YEAR,
                max_value=MAX_YEAR + BUDDHIST_ERA_OFFSET,
                error_messages={
                    "invalid": _(
                        "Write the year in digits, such as 2023 (or 2566 in the Buddhist era)."
                    ),
                    "min_value": _("Write a year from 1900 on."),
                    "max_value": _("That year is too far ahead."),
                },
            )
        if "status" in wanted and status_choices is not None:
            self._choice(
                "status", _("Status"), [(str(v), label) for v, label in status_choices.choices]
            )
        if "kind" in wanted and kind_choices is not None:
            self._choice("kind", kind_label or _("Kind"), list(kind_choices.choices))
        if "series" in wanted:
            self._choice("series", _("Series"), named(EventSeries.objects.all(), "key"))
        if "fund" in wanted:
            self._choice("fund", _("Fund"), named(Fund.objects.all(), "key"))
        if "when" in wanted:
            self._choice("when", _("When"), [("upcoming", _("upcoming")), ("past", _("past"))])

    def _choice(self, name: str, label: Any, choices: list[tuple[str, Any]]) -> None:
        self.fields[name] = forms.ChoiceField(
            label=label,
            required=False,
            choices=[("", _("any")), *choices],
            error_messages={"invalid_choice": _("Choose one of the values in the list.")},
        )

    def clean_year(self) -> int | None:
        """Accept Buddhist-era years too (2566 means 2023): no CE year here is that late."""
        year = self.cleaned_data.get("year")
        if year is not None and year >= BUDDHIST_ERA_START:
            year -= BUDDHIST_ERA_OFFSET
        return year

    def filters(self) -> ListFilters:
        """The valid filters (invalid fields are dropped; their errors show on the page)."""
        self.is_valid()
        values = {
            name: self.cleaned_data.get(name) for name in FILTER_FIELDS if name in self.fields
        }
        values = {k: v for k, v in values.items() if v not in (None, "") and k not in self.errors}
        return ListFilters(**values)
