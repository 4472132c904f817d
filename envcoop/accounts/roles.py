"""What one user is in envcoop, read once per request from their memberships.

``access_of(user)`` answers "which roles, for which countries and organisations"; the
rules (``envcoop.accounts.rules``) and the querysets (``envcoop.accounts.scope``) decide
from it. A Django superuser is a Secretariat administrator; an inactive user is nobody.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from envcoop.accounts.models import Role

User = AbstractBaseUser | AnonymousUser

_CACHE = "_envcoop_access"


@dataclass(frozen=True)
class Access:
    signed_in: bool = False
    admin: bool = False
    reviewer: bool = False  # administrators review too
    focal_countries: frozenset[str] = frozenset()
    contributor_countries: frozenset[str] = frozenset()
    partner_organisations: frozenset[int] = frozenset()  # organisation ids

    @property
    def secretariat(self) -> bool:
        return self.admin or self.reviewer

    @property
    def countries(self) -> frozenset[str]:
        """The countries the user acts for (as focal point or contributor)."""
        return self.focal_countries | self.contributor_countries

    @property
    def partner_only(self) -> bool:
        """A partner and nothing else: sees members' documents only when shared with them."""
        return bool(self.partner_organisations) and not (self.secretariat or self.countries)

    @property
    def may_upload(self) -> bool:
        return self.secretariat or bool(self.countries or self.partner_organisations)


NOBODY = Access()


def access_of(user: User | None) -> Access:
    if user is None or not user.is_authenticated or not user.is_active:
        return NOBODY
    cached = getattr(user, _CACHE, None)
    if cached is not None:
        return cached
    admin = bool(getattr(user, "is_superuser", False))
    reviewer = admin
    focal: set[str] = set()
    contributing: set[str] = set()
    partners: set[int] = set()
    rows = user.memberships.values_list("role", "country__code", "organisation_id")  # type: ignore[union-attr]
    for role, country, organisation in rows:
        if role == Role.SECRETARIAT_ADMIN:
            admin = reviewer = True
        elif role == Role.SECRETARIAT_REVIEWER:
            reviewer = True
        elif role == Role.FOCAL_POINT:
            focal.add(country)
        elif role == Role.CONTRIBUTOR:
            contributing.add(country)
        elif role == Role.PARTNER:
            partners.add(organisation)
    access = Access(
        signed_in=True,
        admin=admin,
        reviewer=reviewer,
        focal_countries=frozenset(focal),
        contributor_countries=frozenset(contributing),
        partner_organisations=frozenset(partners),
    )
    setattr(user, _CACHE, access)
    return access


def assume(user: object, access: Access) -> None:
    """Give ``user`` (a stand-in such as the command line's operator) this access."""
    setattr(user, _CACHE, access)


def forget(user: User) -> None:
    """Drop the cached access (after the user's memberships changed)."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)
