"""Countries and their group memberships (ASEAN, dialogue partners, Plus Three)."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction

from envcoop.core.countries import CountryError, clean_country
from envcoop.core.partial_date import PartialDate, PartialDateError
from envcoop.registry.models import Country, CountryGroup, CountryGroupCode, CountryMembership
from envcoop.registry.services.labels import NameSet, labels_apply
from envcoop.registry.services.resolve import country_get_or_create


@transaction.atomic
def country_upsert(
    *,
    code: str,
    groups: Mapping[str, str | None] | None = None,
    names: NameSet | None = None,
    overwrite: bool = True,
) -> tuple[Country, bool]:
    """Create the country if new, set its groups ({group code: member since}), add labels.

    Names from CLDR are added on creation; ``names`` adds more (aliases, say).
    With ``overwrite`` False the groups of an existing country are left alone.
    Returns ``(country, changed)``.
    """
    try:
        clean = clean_country(code)
    except CountryError as error:
        raise ValidationError({"code": str(error)}) from error
    existed = Country.objects.filter(code=clean).exists()
    country = country_get_or_create(code=clean)
    changed = not existed
    if groups is not None and (overwrite or not existed):
        changed |= _memberships_set(country, groups)
    if names is not None:
        changed |= labels_apply(record=country, specs=names.specs(), replace=False)
    return country, changed


def _memberships_set(country: Country, groups: Mapping[str, str | None]) -> bool:
    changed = False
    wanted: dict[str, PartialDate | None] = {}
    if not isinstance(groups, Mapping):
        raise ValidationError({"groups": "expected group codes mapped to member-since dates"})
    for code, since in groups.items():
        if code not in CountryGroupCode.values:
            raise ValidationError(
                {
                    "groups": f"unknown group {code!r}; use one of {', '.join(CountryGroupCode.values)}"
                }
            )
        try:
            wanted[code] = PartialDate.parse_optional(since)
        except PartialDateError as error:
            raise ValidationError({"groups": f"{code}: {error}"}) from error
    current = {m.group.code: m for m in country.memberships.select_related("group")}
    for code, membership in current.items():
        if code not in wanted:
            membership.delete()
            changed = True
    for code, since in wanted.items():
        membership = current.get(code)
        if membership is None:
            group, _ = CountryGroup.objects.get_or_create(code=code)
            CountryMembership.objects.create(country=country, group=group, since=since)
            changed = True
        elif membership.since != since:
            membership.since = since
            membership.save(update_fields=["since"])
            changed = True
    return changed
