"""Who may review, undo and read a record's history: decided here, used by the pages and
their tests.

- **The Secretariat's reviewers**: staff with the permission to change claims (the review
  queue asks for it; superusers have it, an administrator gives it to others). They review,
  undo accepts and read every record's history.
- **A country's focal point**: a signed-in user in the Django group ``focal-point-XX`` (XX
  the country's ISO code, e.g. ``focal-point-TH``), made in the admin. A focal point reads
  the history of the records their country takes part in (``registry.selectors.involvement``)
  and of no others; they do not review.
- Everyone else (visitors, other signed-in users) reads the record pages, not their history.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from envcoop.registry.models import Fund, Organisation
from envcoop.registry.selectors.involvement import COUNTRY_PATHS

# Kinds the involvement paths do not cover: a fund's partners, an organisation's country.
_MORE_PATHS: dict[type[Model], tuple[str, ...]] = {
    Fund: ("partner_countries",),
    Organisation: ("country",),
}

REVIEW_PERMISSION = "ingestion.change_claim"
FOCAL_POINT_GROUP = "focal-point-"  # + the country's ISO code


def is_reviewer(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and getattr(user, "is_staff", False)
        and user.has_perm(REVIEW_PERMISSION)
    )


def focal_point_countries(user: Any) -> frozenset[str]:
    """The ISO codes of the countries ``user`` is a focal point of."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    names = user.groups.filter(name__startswith=FOCAL_POINT_GROUP).values_list("name", flat=True)
    return frozenset(name.removeprefix(FOCAL_POINT_GROUP).upper() for name in names)


def record_countries(record: Model) -> set[str]:
    """The codes of the countries ``record`` involves."""
    model = type(record)
    paths = COUNTRY_PATHS.get(model) or _MORE_PATHS.get(model, ())
    codes: set[str] = set()
    for path in paths:
        rows = model.objects.filter(pk=record.pk, **{f"{path}__isnull": False})  # type: ignore[attr-defined]
        codes.update(rows.values_list(f"{path}__code", flat=True))
    return codes


def may_see_history(user: Any, record: Model) -> bool:
    if is_reviewer(user):
        return True
    mine = focal_point_countries(user)
    return bool(mine and mine & record_countries(record))
