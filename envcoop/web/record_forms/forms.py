"""One form per kind of record: its fields (labels and help from the model), what an
existing record fills them with, the checks between fields, and the arguments the kind's
service (``event_upsert``, ``project_upsert``, ...) is called with.

Dates are typed as the review form reads them (``PartialDateInput``: 2023, 2023-08,
22/08/2023, a Buddhist-era year); other records are chosen with pickers. A new record's
key is made from its name (``envcoop.registry.keys.unique_key``), never typed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from envcoop.core.currencies import CurrencyError, clean_currency
from envcoop.core.partial_date import PartialDate
from envcoop.registry.keys import unique_key
from envcoop.registry.models import (
    ActivityStatus,
    Agreement,
    AgreementKind,
    AgreementStatus,
    Event,
    EventMode,
    OrganisationRole,
    OrganisationType,
    Project,
)
from envcoop.registry.models import Organisation as OrganisationModel
from envcoop.registry.services.labels import DEFAULT_MAX_LENGTH
from envcoop.review.picker import picker_key
from envcoop.web.record_forms.names import NamesMixin
from envcoop.web.record_forms.pickers import PickerField
from envcoop.web.review_forms import PartialDateInput


def _label(model: type[Model], field: str) -> Any:
    return capfirst(model._meta.get_field(field).verbose_name)


def _help(model: type[Model], field: str) -> Any:
    return model._meta.get_field(field).help_text


def _date(model: type[Model], field: str) -> PartialDateInput:
    return PartialDateInput(label=_label(model, field), required=False)


def _text(model: type[Model], field: str, max_length: int = 200) -> forms.CharField:
    return forms.CharField(label=_label(model, field), max_length=max_length, required=False)


def _address(model: type[Model], field: str) -> forms.URLField:
    return forms.URLField(
        label=_label(model, field), max_length=200, required=False, assume_scheme="https"
    )


def _choice(model: type[Model], field: str, choices: Any, *, required: bool) -> forms.Field:
    blank = [] if required else [("", "—")]
    return forms.ChoiceField(
        label=_label(model, field),
        choices=[*blank, *choices],
        required=required,
        error_messages={"invalid_choice": gettext_lazy("Choose one of the values in the list.")},
    )


def _picker(model: type[Model], field: str, kind: str, *, many: bool = True) -> PickerField:
    return PickerField(kind, many=many, label=_label(model, field), help_text=_help(model, field))


def _year(value: str | None) -> int | None:
    return PartialDate.parse(value).year if value else None


def _later_than(start: str | None, end: str | None) -> bool:
    """Whether the period from ``start`` surely ends before it starts."""
    return bool(
        start and end and PartialDate.parse(end).latest() < PartialDate.parse(start).earliest()
    )


class RecordForm(NamesMixin, forms.Form):
    """What every record form shares: names, the record it was opened for, the mapping of
    fields onto the service's arguments."""

    model: ClassVar[type[Model]]
    # The fields in the order shown, grouped under legends (names come first, apart).
    fieldsets: ClassVar[tuple[tuple[Any, tuple[str, ...]], ...]]
    # Fields passed to the service as they are cleaned (same names as its arguments).
    passed: ClassVar[tuple[str, ...]]
    # Where a focal point's own country goes on a new record.
    own_country: ClassVar[str]

    # The record the form was opened for (empty for a new one): a form sent to another
    # record's address is refused.
    record = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, data: Any = None, *, instance: Model | None = None, countries: tuple[str, ...] = ()
    ) -> None:
        initial: dict[str, Any] = {"record": getattr(instance, "key", "")}
        if instance is not None:
            initial.update(self.initial_from(instance))
        elif len(countries) == 1:
            field = self.base_fields[self.own_country]
            many = getattr(field, "many", False)
            initial[self.own_country] = list(countries) if many else countries[0]
        super().__init__(data, initial=initial)
        self.instance = instance
        self.add_name_fields(instance)

    # ---------------------------------------------------------------- reading a record

    def initial_from(self, record: Model) -> dict[str, Any]:
        """The record's values, as the fields show them (pickers: keys; dates: ISO text)."""
        initial: dict[str, Any] = {}
        for name in self.passed:
            field = record._meta.get_field(name)
            if field.many_to_many:
                initial[name] = [picker_key(r) for r in getattr(record, name).all()]
            elif field.many_to_one:
                related = getattr(record, name)
                initial[name] = picker_key(related) if related is not None else None
            else:
                value = getattr(record, name)
                initial[name] = str(value) if isinstance(value, PartialDate) else value
        return initial

    # ---------------------------------------------------------------- checking

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.clean_names()
        self.check_fields(data)
        return data

    def check_fields(self, data: dict[str, Any]) -> None:
        """Checks between fields, for the kind (the service checks again)."""

    def check_period(self, data: dict[str, Any], start: str, end: str) -> None:
        if _later_than(data.get(start), data.get(end)):
            self.add_error(end, _("The end is before the start."))

    def add_service_errors(self, error: ValidationError) -> None:
        """What the service refused, on the field it names (else above the form)."""
        named = (
            error.message_dict
            if hasattr(error, "error_dict")
            else {NON_FIELD_ERRORS: error.messages}
        )
        for field, messages in named.items():
            self.add_error(field if field in self.fields else None, messages)

    # ---------------------------------------------------------------- writing

    def service_arguments(self) -> dict[str, Any]:
        """The arguments of the kind's service, the key and names aside."""
        data = self.cleaned_data
        arguments = {name: data.get(name) for name in self.passed}
        arguments.update(self.more_arguments())
        if self.instance is not None:
            arguments.update(self.kept_arguments(self.instance))
        return arguments

    def more_arguments(self) -> dict[str, Any]:
        return {}

    def kept_arguments(self, record: Model) -> dict[str, Any]:
        """What the record has that the form does not show (kept as it is)."""
        return {}

    def new_key(self) -> str:
        return unique_key(self.model, self.name_for_key())

    def fieldset_fields(self) -> list[tuple[Any, list[Any]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.fieldsets]


def _action_lines(record: Model) -> dict[str, Any]:
    """A record's action lines, which the forms do not show: kept as they are."""
    lines = record.action_lines.select_related("component__framework")  # type: ignore[attr-defined]
    return {
        "action_lines": [
            f"{line.component.framework.key}:{line.component.number}:{line.code}" for line in lines
        ]
    }


class EventForm(RecordForm):
    model = Event
    own_country = "participant_countries"
    fieldsets = (
        (
            gettext_lazy("When and where"),
            ("series", "ordinal", "start", "end", "place", "country", "mode"),
        ),
        (
            gettext_lazy("Who"),
            (
                "host_countries",
                "host_organisations",
                "chair_country",
                "participant_countries",
                "participant_organisations",
            ),
        ),
        (gettext_lazy("What it is about"), ("areas", "components", "url")),
    )
    passed = tuple(name for _legend, names in fieldsets for name in names)

    series = _picker(Event, "series", "series", many=False)
    ordinal = forms.IntegerField(
        label=_label(Event, "ordinal"),
        help_text=_help(Event, "ordinal"),
        min_value=1,
        max_value=32767,
        required=False,
    )
    start = _date(Event, "start")
    end = _date(Event, "end")
    place = _text(Event, "place")
    country = _picker(Event, "country", "countries", many=False)
    mode = _choice(Event, "mode", EventMode.choices, required=False)
    host_countries = _picker(Event, "host_countries", "countries")
    host_organisations = _picker(Event, "host_organisations", "organisations")
    chair_country = _picker(Event, "chair_country", "countries", many=False)
    participant_countries = _picker(Event, "participant_countries", "countries")
    participant_organisations = _picker(Event, "participant_organisations", "organisations")
    areas = _picker(Event, "areas", "areas")
    components = _picker(Event, "components", "components")
    url = _address(Event, "url")

    def check_fields(self, data: dict[str, Any]) -> None:
        if data.get("end") and not data.get("start") and "start" not in self.errors:
            self.add_error("start", _("Give the start too; an end alone cannot be placed."))
        self.check_period(data, "start", "end")
        series, ordinal = data.get("series"), data.get("ordinal")
        if ordinal is not None and not series and "series" not in self.errors:
            self.add_error("ordinal", _("A number in a series needs the series."))
        if series and ordinal is not None:
            clash = Event.objects.filter(series__key=series, ordinal=ordinal)
            if self.instance is not None:
                clash = clash.exclude(pk=self.instance.pk)
            if (other := clash.first()) is not None:
                self.add_error(
                    "ordinal",
                    _("This number in the series is already recorded: %(event)s.")
                    % {"event": other.display_name},
                )

    def kept_arguments(self, record: Model) -> dict[str, Any]:
        return _action_lines(record)

    def new_key(self) -> str:
        data = self.cleaned_data
        if data.get("series") and data.get("ordinal"):
            return unique_key(Event, data["series"], data["ordinal"])
        return unique_key(Event, self.name_for_key(), _year(data.get("start")))


# A project's organisations by their (IATI) role: the form's field -> the service's role name
ROLE_FIELDS = {f"{role.name.lower()}_organisations": role for role in OrganisationRole}
ROLE_LABELS = {
    OrganisationRole.FUNDING: gettext_lazy("Funding organisations"),
    OrganisationRole.ACCOUNTABLE: gettext_lazy("Accountable organisations"),
    OrganisationRole.EXTENDING: gettext_lazy("Extending organisations"),
    OrganisationRole.IMPLEMENTING: gettext_lazy("Implementing organisations"),
}


class ProjectForm(RecordForm):
    model = Project
    own_country = "recipient_countries"
    fieldsets = (
        (
            gettext_lazy("Status and dates"),
            ("activity_status", "planned_start", "actual_start", "planned_end", "actual_end"),
        ),
        (gettext_lazy("Who"), ("recipient_countries", *ROLE_FIELDS)),
        (gettext_lazy("Money"), ("fund", "budget_value", "budget_currency")),
        (gettext_lazy("What it is about"), ("areas", "components", "iati_identifier", "url")),
    )
    passed = (
        "activity_status",
        "planned_start",
        "actual_start",
        "planned_end",
        "actual_end",
        "recipient_countries",
        "fund",
        "budget_value",
        "budget_currency",
        "areas",
        "components",
        "iati_identifier",
        "url",
    )

    activity_status = forms.TypedChoiceField(
        label=_label(Project, "activity_status"),
        choices=ActivityStatus.choices,
        coerce=int,
        initial=ActivityStatus.IMPLEMENTATION,
        error_messages={"invalid_choice": gettext_lazy("Choose one of the values in the list.")},
    )
    planned_start = _date(Project, "planned_start")
    actual_start = _date(Project, "actual_start")
    planned_end = _date(Project, "planned_end")
    actual_end = _date(Project, "actual_end")
    recipient_countries = _picker(Project, "recipient_countries", "countries")
    funding_organisations = PickerField(
        "organisations", label=ROLE_LABELS[OrganisationRole.FUNDING]
    )
    accountable_organisations = PickerField(
        "organisations", label=ROLE_LABELS[OrganisationRole.ACCOUNTABLE]
    )
    extending_organisations = PickerField(
        "organisations", label=ROLE_LABELS[OrganisationRole.EXTENDING]
    )
    implementing_organisations = PickerField(
        "organisations", label=ROLE_LABELS[OrganisationRole.IMPLEMENTING]
    )
    fund = _picker(Project, "fund", "funds", many=False)
    budget_value = forms.DecimalField(
        label=_label(Project, "budget_value"),
        max_digits=16,
        decimal_places=2,
        min_value=Decimal(0),
        required=False,
    )
    budget_currency = forms.CharField(
        label=_label(Project, "budget_currency"),
        max_length=3,
        required=False,
        help_text=gettext_lazy("Its three-letter code: USD, EUR, THB, CNY ..."),
        widget=forms.TextInput(attrs={"size": 4, "autocomplete": "off", "class": "short"}),
    )
    areas = _picker(Project, "areas", "areas")
    components = _picker(Project, "components", "components")
    iati_identifier = _text(Project, "iati_identifier", 150)
    url = _address(Project, "url")

    def initial_from(self, record: Model) -> dict[str, Any]:
        initial = super().initial_from(record)
        by_role: dict[str, list[str]] = {name: [] for name in ROLE_FIELDS}
        fields = {role: name for name, role in ROLE_FIELDS.items()}
        for participation in record.participations.select_related("organisation"):  # type: ignore[attr-defined]
            by_role[fields[participation.role]].append(participation.organisation.key)
        initial.update(by_role)
        initial["budget_value"] = record.budget_value  # type: ignore[attr-defined]
        return initial

    def check_fields(self, data: dict[str, Any]) -> None:
        self.check_period(data, "planned_start", "planned_end")
        self.check_period(data, "actual_start", "actual_end")
        currency = (data.get("budget_currency") or "").strip()
        if currency:
            try:
                data["budget_currency"] = clean_currency(currency)
            except CurrencyError:
                self.add_error(
                    "budget_currency",
                    _("Write the currency as its three-letter code (USD, EUR, THB, CNY ...)."),
                )
        if data.get("budget_value") is not None and not currency:
            self.add_error("budget_currency", _("Give the currency of the budget."))
        if currency and data.get("budget_value") is None and "budget_value" not in self.errors:
            self.add_error("budget_value", _("Give the amount the currency is for."))
        identifier = " ".join((data.get("iati_identifier") or "").split())
        if identifier:
            others = Project.objects.filter(iati_identifier=identifier)
            if self.instance is not None:
                others = others.exclude(pk=self.instance.pk)
            if (other := others.first()) is not None:
                self.add_error(
                    "iati_identifier",
                    _("Another project has this IATI identifier: %(project)s.")
                    % {"project": other.display_name},
                )

    def more_arguments(self) -> dict[str, Any]:
        return {
            "participating_organisations": {
                role.name.lower(): self.cleaned_data.get(name) or []
                for name, role in ROLE_FIELDS.items()
            }
        }

    def kept_arguments(self, record: Model) -> dict[str, Any]:
        return _action_lines(record)

    def new_key(self) -> str:
        data = self.cleaned_data
        start = data.get("actual_start") or data.get("planned_start")
        return unique_key(Project, self.name_for_key(), _year(start))


class AgreementForm(RecordForm):
    model = Agreement
    own_country = "party_countries"
    fieldsets = (
        (gettext_lazy("What and when"), ("kind", "status", "date", "place", "adopted_at")),
        (gettext_lazy("Parties"), ("party_countries", "party_organisations")),
        (gettext_lazy("What it is about"), ("areas", "components", "url")),
    )
    passed = tuple(name for _legend, names in fieldsets for name in names)

    kind = _choice(Agreement, "kind", AgreementKind.choices, required=True)
    status = _choice(Agreement, "status", AgreementStatus.choices, required=True)
    date = _date(Agreement, "date")
    place = _text(Agreement, "place")
    adopted_at = _picker(Agreement, "adopted_at", "events", many=False)
    party_countries = _picker(Agreement, "party_countries", "countries")
    party_organisations = _picker(Agreement, "party_organisations", "organisations")
    areas = _picker(Agreement, "areas", "areas")
    components = _picker(Agreement, "components", "components")
    url = _address(Agreement, "url")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is None:
            self.initial.setdefault("status", AgreementStatus.ADOPTED)

    def kept_arguments(self, record: Model) -> dict[str, Any]:
        return _action_lines(record)

    def new_key(self) -> str:
        return unique_key(Agreement, self.name_for_key(), _year(self.cleaned_data.get("date")))


class OrganisationForm(RecordForm):
    model = OrganisationModel
    own_country = "country"
    fieldsets = (
        (
            gettext_lazy("What and where"),
            ("type", "acronym", "country", "parent", "website", "areas"),
        ),
    )
    passed = ("type", "country", "parent", "website", "areas")

    type = _choice(OrganisationModel, "type", OrganisationType.choices, required=True)
    acronym = forms.CharField(
        label=gettext_lazy("Acronym"),
        max_length=DEFAULT_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"size": 12}),
    )
    country = _picker(OrganisationModel, "country", "countries", many=False)
    parent = _picker(OrganisationModel, "parent", "organisations", many=False)
    website = _address(OrganisationModel, "website")
    areas = _picker(OrganisationModel, "areas", "areas")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None and self.instance.acronym:  # type: ignore[attr-defined]
            self.fields["acronym"].label = gettext_lazy("Another acronym")
            self.fields["acronym"].help_text = _("It has: %(acronyms)s. These stay.") % {
                "acronyms": ", ".join(
                    label.text
                    for label in self.instance.labels_of("acronym")  # type: ignore[attr-defined]
                )
            }

    def check_fields(self, data: dict[str, Any]) -> None:
        parent = data.get("parent")
        if parent and self.instance is not None and parent == self.instance.key:  # type: ignore[attr-defined]
            self.add_error("parent", _("An organisation cannot be part of itself."))

    def name_set(self, **more: Any) -> Any:
        acronym = " ".join((self.cleaned_data.get("acronym") or "").split())
        return super().name_set(acronyms=[acronym] if acronym else None, **more)

    def new_key(self) -> str:
        data = self.cleaned_data
        acronym = " ".join((data.get("acronym") or "").split())
        return unique_key(
            OrganisationModel,
            acronym or self.name_for_key(),
            prefix=(data.get("country") or "").lower(),
        )
