"""Frameworks, their components (strategic directions) and action lines."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from envcoop.registry.models import (
    ActionLine,
    Component,
    Framework,
    FrameworkKind,
    FrameworkStatus,
    Organisation,
    Term,
)
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.resolve import (
    areas_from_codes,
    choice_value,
    countries_from_codes,
    date_value,
    record_from_key,
    records_from_keys,
    text_value,
    whole_number,
)
from envcoop.registry.services.upsert import record_upsert


@transaction.atomic
def framework_upsert(
    *,
    key: str,
    kind: str,
    names: NameSet,
    status: str = FrameworkStatus.ADOPTED,
    period_start: object = None,
    period_end: object = None,
    partner_countries: object = (),
    partner_organisations: object = (),
    predecessor: str | None = None,
    areas: object = (),
    url: str = "",
    overwrite: bool = True,
) -> tuple[Framework, bool]:
    return record_upsert(
        model=Framework,
        lookup={"key": key},
        fields={
            "kind": choice_value(kind, choices=FrameworkKind, field="kind"),
            "status": choice_value(status, choices=FrameworkStatus, field="status"),
            "period_start": date_value(period_start, field="period_start"),
            "period_end": date_value(period_end, field="period_end"),
            "predecessor": record_from_key(Framework, predecessor, field="predecessor"),
            "url": text_value(url, field="url"),
        },
        links={
            "partner_countries": countries_from_codes(partner_countries, field="partner_countries"),
            "partner_organisations": records_from_keys(
                Organisation, partner_organisations, field="partner_organisations"
            ),
            "areas": areas_from_codes(areas),
        },
        labels=names.specs(),
        overwrite=overwrite,
    )


@transaction.atomic
def component_upsert(
    *,
    framework: Framework,
    number: int,
    names: NameSet,
    areas: object = (),
    terms: Iterable[Term] = (),
    overwrite: bool = True,
) -> tuple[Component, bool]:
    return record_upsert(
        model=Component,
        lookup={"framework": framework, "number": whole_number(number, field="number")},
        fields={},
        links={"areas": areas_from_codes(areas), "terms": list(terms)},
        labels=names.specs(),
        overwrite=overwrite,
    )


@transaction.atomic
def action_line_upsert(
    *, component: Component, code: str, names: NameSet, position: int = 0, overwrite: bool = True
) -> tuple[ActionLine, bool]:
    return record_upsert(
        model=ActionLine,
        lookup={"component": component, "code": text_value(code, field="code", max_length=16)},
        fields={"position": whole_number(position, field="position")},
        labels=names.specs(),
        overwrite=overwrite,
    )
