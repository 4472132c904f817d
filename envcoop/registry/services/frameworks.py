"""Frameworks, their components (strategic directions) and action lines."""

from __future__ import annotations

from collections.abc import Iterable

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
from envcoop.registry.services.records import choice_value, date_value, record_save
from envcoop.registry.services.references import (
    areas_from_codes,
    countries_from_codes,
    record_from_key,
    records_from_keys,
)


def framework_upsert(
    *,
    key: str,
    kind: str,
    names: NameSet,
    status: str = FrameworkStatus.ADOPTED,
    period_start: object = None,
    period_end: object = None,
    partner_countries: Iterable[str] = (),
    partner_organisations: Iterable[str] = (),
    predecessor: str | None = None,
    areas: Iterable[str] = (),
    url: str = "",
    overwrite: bool = True,
) -> tuple[Framework, bool]:
    return record_save(
        model=Framework,
        lookup={"key": key},
        fields={
            "kind": choice_value(kind, choices=FrameworkKind, field="kind"),
            "status": choice_value(status, choices=FrameworkStatus, field="status"),
            "period_start": date_value(period_start, field="period_start"),
            "period_end": date_value(period_end, field="period_end"),
            "predecessor": record_from_key(Framework, predecessor, field="predecessor"),
            "url": url,
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


def component_upsert(
    *,
    framework: Framework,
    number: int,
    names: NameSet,
    areas: Iterable[str] = (),
    terms: Iterable[Term] = (),
    overwrite: bool = True,
) -> tuple[Component, bool]:
    return record_save(
        model=Component,
        lookup={"framework": framework, "number": number},
        fields={},
        links={"areas": areas_from_codes(areas), "terms": list(terms)},
        labels=names.specs(),
        overwrite=overwrite,
    )


def action_line_upsert(
    *, component: Component, code: str, names: NameSet, position: int = 0, overwrite: bool = True
) -> tuple[ActionLine, bool]:
    return record_save(
        model=ActionLine,
        lookup={"component": component, "code": code},
        fields={"position": position},
        labels=names.specs(),
        overwrite=overwrite,
    )
