"""Projects and funds. Field names follow the IATI activity standard where it has the concept."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from envcoop.core.currencies import CurrencyError, clean_currency
from envcoop.registry.models import (
    ActivityStatus,
    Fund,
    Organisation,
    OrganisationRole,
    Project,
    ProjectParticipation,
)
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.resolve import (
    action_lines_from_refs,
    areas_from_codes,
    choice_value,
    components_from_refs,
    countries_from_codes,
    date_value,
    record_from_key,
    records_from_keys,
    text_value,
)
from envcoop.registry.services.upsert import record_upsert

ROLE_NAMES = {role.name.lower(): role.value for role in OrganisationRole}


@transaction.atomic
def fund_upsert(
    *,
    key: str,
    names: NameSet,
    managing_organisation: str | None = None,
    partner_countries: Iterable[str] = (),
    url: str = "",
    overwrite: bool = True,
) -> tuple[Fund, bool]:
    return record_upsert(
        model=Fund,
        lookup={"key": key},
        fields={
            "managing_organisation": record_from_key(
                Organisation, managing_organisation, field="managing_organisation"
            ),
            "url": text_value(url, field="url"),
        },
        links={
            "partner_countries": countries_from_codes(partner_countries, field="partner_countries")
        },
        labels=names.specs(),
        overwrite=overwrite,
    )


@transaction.atomic
def project_upsert(
    *,
    key: str,
    names: NameSet,
    activity_status: int = ActivityStatus.IMPLEMENTATION,
    iati_identifier: str = "",
    planned_start: object = None,
    actual_start: object = None,
    planned_end: object = None,
    actual_end: object = None,
    participating_organisations: Mapping[str, Iterable[str]] | None = None,
    recipient_countries: Iterable[str] = (),
    areas: Iterable[str] = (),
    fund: str | None = None,
    budget_value: object = None,
    budget_currency: str = "",
    components: Iterable[str] = (),
    action_lines: Iterable[str] = (),
    url: str = "",
    overwrite: bool = True,
) -> tuple[Project, bool]:
    """Create or update a project.

    ``participating_organisations`` maps an IATI role name (funding, accountable,
    extending, implementing) to organisation keys.
    """
    value, currency = _budget(budget_value, budget_currency)
    participations = _participations(participating_organisations or {})
    existed = Project.objects.filter(key=key).exists()
    project, changed = record_upsert(
        model=Project,
        lookup={"key": key},
        fields={
            "iati_identifier": text_value(iati_identifier, field="iati_identifier", max_length=150),
            "activity_status": choice_value(
                activity_status, choices=ActivityStatus, field="activity_status"
            ),
            "planned_start": date_value(planned_start, field="planned_start"),
            "actual_start": date_value(actual_start, field="actual_start"),
            "planned_end": date_value(planned_end, field="planned_end"),
            "actual_end": date_value(actual_end, field="actual_end"),
            "fund": record_from_key(Fund, fund, field="fund"),
            "budget_value": value,
            "budget_currency": currency,
            "url": text_value(url, field="url"),
        },
        links={
            "recipient_countries": countries_from_codes(
                recipient_countries, field="recipient_countries"
            ),
            "areas": areas_from_codes(areas),
            "components": components_from_refs(components),
            "action_lines": action_lines_from_refs(action_lines),
        },
        labels=names.specs(),
        overwrite=overwrite,
    )
    if overwrite or not existed:
        changed |= _participations_set(project, participations)
    return project, changed


def _budget(value: object, currency: str) -> tuple[Decimal | None, str]:
    if value is None or value == "":
        if currency:
            raise ValidationError({"budget_value": "a currency was given without an amount"})
        return None, ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({"budget_value": f"{value!r} is not an amount"}) from None
    if not amount.is_finite():
        raise ValidationError({"budget_value": f"{value!r} is not an amount"})
    try:
        code = clean_currency(currency)
    except CurrencyError as error:
        raise ValidationError({"budget_currency": str(error)}) from error
    return amount, code


def _participations(spec: Mapping[str, Iterable[str]]) -> list[tuple[Organisation, int]]:
    pairs: list[tuple[Organisation, int]] = []
    if not isinstance(spec, Mapping):
        raise ValidationError({"participating_organisations": "expected roles mapped to keys"})
    for role_name, keys in spec.items():
        role = ROLE_NAMES.get(str(role_name).lower())
        if role is None:
            raise ValidationError(
                {
                    "participating_organisations": f"unknown role {role_name!r}; use one of {', '.join(ROLE_NAMES)}"
                }
            )
        for organisation in records_from_keys(
            Organisation, keys, field="participating_organisations"
        ):
            pairs.append((organisation, role))
    return pairs


def _participations_set(project: Project, wanted: list[tuple[Organisation, int]]) -> bool:
    current = {(p.organisation_id, p.role): p for p in project.participations.all()}
    target = {(organisation.pk, role) for organisation, role in wanted}
    changed = False
    for pair, participation in current.items():
        if pair not in target:
            participation.delete()
            changed = True
    for organisation_id, role in target - set(current):
        ProjectParticipation.objects.create(
            project=project, organisation_id=organisation_id, role=role
        )
        changed = True
    return changed
