"""Who may review, undo, merge, name records and read their history: decided here, used by
the pages, the template tags and their tests.

The rules follow what the project has until accounts and roles arrive (issue 13):

- **Reviewers** (the Secretariat's reviewers): staff with the permission to change claims,
  which the review queue already asks for. Superusers have it; an administrator gives it
  to others in the admin, on their account or in a group. They review, undo, merge, name
  any record and read every record's history.
- **A country's focal point**: a signed-in user in the Django group ``focal-point-XX``
  (XX the country's ISO code, e.g. ``focal-point-TH``), made in the admin. A focal point
  may name, and read the history of, the records their country takes part in (the
  registry's own definition, ``registry.selectors.involvement``; a priority's partner
  countries, a fund's partners, an organisation's country) and no others; they do not
  review.
- Everyone else (visitors, other signed-in users) reads the record pages.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model

from envcoop.registry.models import Fund, Organisation, Priority
from envcoop.registry.selectors.involvement import COUNTRY_PATHS

REVIEW_PERMISSION = "ingestion.change_claim"
FOCAL_POINT_GROUP = "focal-point-"  # + the country's ISO code

User = AbstractBaseUser | AnonymousUser


def is_reviewer(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and getattr(user, "is_staff", False)
        and user.has_perm(REVIEW_PERMISSION)
    )


def focal_point_countries(user: User) -> frozenset[str]:
    """The ISO codes of the countries ``user`` is a focal point of."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    names = user.groups.filter(name__startswith=FOCAL_POINT_GROUP).values_list("name", flat=True)  # type: ignore[union-attr]
    return frozenset(name.removeprefix(FOCAL_POINT_GROUP).upper() for name in names)


def may_name_records(user: User) -> bool:
    """Whether ``user`` may add names to any record at all (to show them the way in)."""
    return is_reviewer(user) or bool(focal_point_countries(user))


# Kinds the involvement paths do not cover: a priority's or a fund's partners, an
# organisation's country.
_MORE_PATHS: dict[type[Model], tuple[str, ...]] = {
    Priority: ("partner_countries",),
    Fund: ("partner_countries",),
    Organisation: ("country",),
}


def countries_of(model: type[Model], pks: list[int]) -> dict[int, set[str]]:
    """Record id -> codes of the countries each record of ``model`` involves."""
    paths = COUNTRY_PATHS.get(model) or _MORE_PATHS.get(model, ())
    found: dict[int, set[str]] = {pk: set() for pk in pks}
    for path in paths:
        rows = model.objects.filter(pk__in=pks, **{f"{path}__isnull": False})  # type: ignore[attr-defined]
        for pk, code in rows.values_list("pk", f"{path}__code"):
            found[pk].add(code)
    return found


def may_name(user: User, record: Model, countries: set[str] | None = None) -> bool:
    """Whether ``user`` may add a name to ``record`` (``countries``: the record's, when
    the caller has them already)."""
    if is_reviewer(user):
        return True
    mine = focal_point_countries(user)
    if not mine:
        return False
    if countries is None:
        countries = countries_of(type(record), [record.pk])[record.pk]
    return bool(mine & countries)


def may_see_history(user: User, record: Model) -> bool:
    if is_reviewer(user):
        return True
    mine = focal_point_countries(user)
    return bool(mine and mine & countries_of(type(record), [record.pk])[record.pk])
