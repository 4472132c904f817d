"""Database field for PartialDate values, with lookups that respect precision.

The column holds the ISO text ("2023", "2023-08", "2023-08-22"). Text order is
date order, so ``order_by`` works as is. Three transforms make filtering honest:

  ``start__year``            the year, as a number
  ``start__earliest__lte=D`` the first day the value could mean (as ISO text)
  ``start__latest__gte=D``   the last day the value could mean (as ISO text)

so "might this have happened on or after D" is ``latest >= D``, and "surely
before D" is ``latest < D``. Both work on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Transform
from django.utils.translation import gettext_lazy as _

from envcoop.core.partial_date import PartialDate, PartialDateError


class PartialDateFormField(forms.CharField):
    default_error_messages = {
        "invalid": _("Write a year (2023), a month (2023-08) or a day (2023-08-22).")
    }

    def __init__(self, **kwargs: Any) -> None:
        # No max_length: a browser would silently cut "22 August 2023" to ten characters;
        # to_python refuses what is not a partial date, whatever its length.
        kwargs.pop("max_length", None)
        if not kwargs.get("help_text"):
            kwargs["help_text"] = _("YYYY, YYYY-MM or YYYY-MM-DD (common era)")
        super().__init__(**kwargs)
        self.widget.attrs.update({"size": 12, "placeholder": "YYYY-MM-DD"})

    def to_python(self, value: Any) -> PartialDate | None:
        text = super().to_python(value)
        if not text:
            return None
        if len(text) > 40:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return PartialDate.parse(text)
        except PartialDateError as error:
            raise ValidationError(str(error), code="invalid") from error

    def run_validators(self, value: Any) -> None:
        super().run_validators(None if value is None else str(value))

    def prepare_value(self, value: Any) -> Any:
        return str(value) if isinstance(value, PartialDate) else value


class PartialDateField(models.CharField):
    description = _("Date known to the year, month or day")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["max_length"] = 10
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def from_db_value(
        self, value: str | None, expression: Any, connection: Any
    ) -> PartialDate | None:
        if value is None or value == "":
            return None
        return PartialDate.parse(value)

    def to_python(self, value: Any) -> PartialDate | None:
        if value is None or value == "":
            return None
        try:
            return PartialDate.parse(value)
        except PartialDateError as error:
            raise ValidationError(str(error), code="invalid") from error

    def run_validators(self, value: Any) -> None:
        super().run_validators(None if value is None else str(value))

    def get_prep_value(self, value: Any) -> str | None:
        if value is None or value == "":
            return None
        if isinstance(value, PartialDate | dt.date):
            return PartialDate.parse(value).isoformat()
        if isinstance(value, str):
            # Lookups such as ``__startswith`` pass fragments; keep them as text.
            try:
                return PartialDate.parse(value).isoformat()
            except PartialDateError:
                return value
        return super().get_prep_value(value)

    def get_db_prep_save(self, value: Any, connection: Any) -> str | None:
        """Only well-formed partial dates are written (lookups may pass fragments; saves may not)."""
        if value is None or value == "":
            return None
        try:
            return PartialDate.parse(value).isoformat()
        except PartialDateError as error:
            raise ValueError(f"{self.name}: {error}") from error

    def value_to_string(self, obj: models.Model) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else str(value)

    def formfield(self, **kwargs: Any) -> forms.Field:
        kwargs.setdefault("form_class", PartialDateFormField)
        return super().formfield(**kwargs)


class YearTransform(Transform):
    lookup_name = "year"
    output_field = models.IntegerField()

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        lhs, params = compiler.compile(self.lhs)
        return f"CAST(SUBSTR({lhs}, 1, 4) AS INTEGER)", list(params)


class _BoundTransform(Transform):
    """Pads a partial date to a full ISO day, as text: ``year_pad`` for "2023", ``month_pad``
    for "2023-08". Text comparison then gives date comparison (a padded "-31" for a
    30-day month still sorts after every real day of that month)."""

    output_field = models.CharField()
    year_pad = ""
    month_pad = ""

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        lhs, params = compiler.compile(self.lhs)
        sql = (
            f"(CASE LENGTH({lhs}) WHEN 4 THEN {lhs} || '{self.year_pad}' "
            f"WHEN 7 THEN {lhs} || '{self.month_pad}' ELSE {lhs} END)"
        )
        return sql, list(params) * 4


class EarliestTransform(_BoundTransform):
    """The first day the value could mean, as ISO text."""

    lookup_name = "earliest"
    year_pad = "-01-01"
    month_pad = "-01"


class LatestTransform(_BoundTransform):
    """The last day the value could mean, as ISO text."""

    lookup_name = "latest"
    year_pad = "-12-31"
    month_pad = "-31"


PartialDateField.register_lookup(YearTransform)
PartialDateField.register_lookup(EarliestTransform)
PartialDateField.register_lookup(LatestTransform)
