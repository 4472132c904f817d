"""The activity log: one row per thing someone did (``Activity``), written here only.

    log(user, Action.ACCEPT, obj=record, detail="claim 12")

The services call it (review, undo, merging, renaming, uploads, users and roles), so the
site and the command line both log; sign-ins, failed sign-ins and sign-outs are logged
from Django's signals (``envcoop.accounts.signals``). A row is written inside the caller's
transaction: an action that fails and rolls back leaves no row.

``user`` None means the command line (or, for a failed sign-in, a visitor): without one,
the user of the surrounding ``recorded()`` block (a request's) is taken. The country is
the one concerned, for filtering: the one given, else the object's (a document's, a
claim's document's, a record's when it involves one country, a user's), else the
acting user's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject, empty

from envcoop.accounts.models import Action, Activity
from envcoop.accounts.roles import access_of
from envcoop.accounts.scope import RECORD_COUNTRY_PATHS, countries_of
from envcoop.core.recording import current
from envcoop.ingestion.models import Claim, Document
from envcoop.registry.models import Country

__all__ = ["Action", "activities", "log", "log_export", "object_url"]

_LABEL = Activity._meta.get_field("label").max_length
_URL = Activity._meta.get_field("url").max_length
_DETAIL = Activity._meta.get_field("detail").max_length


def _unwrapped(value: Any) -> Any:
    """A request's lazy user as the user it stands for."""
    if isinstance(value, SimpleLazyObject):
        if value._wrapped is empty:
            value._setup()
        return value._wrapped
    return value


def _actor(user: Any) -> Any:
    """The signed-in user acting (a request's lazy user resolved), else the user of the
    surrounding ``recorded()`` block, else None."""
    user = _unwrapped(user)
    if user is None:
        recording = current()
        return recording.history_user() if recording is not None else None
    if getattr(user, "is_authenticated", False) and getattr(user, "pk", None):
        return user
    return None


def object_url(obj: Model) -> str:
    """The object's page (a claim's review page), in the site's default language."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            if isinstance(obj, Claim):
                return reverse("web:review_claim", args=[obj.pk])
            if hasattr(obj, "get_absolute_url"):
                return str(obj.get_absolute_url())
        except NoReverseMatch:
            pass
    return ""


def _label(obj: Model) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        if isinstance(obj, Claim):
            text = f"claim {obj.pk} ({obj.kind})"
        elif hasattr(obj, "get_username"):
            text = obj.get_username()
        else:
            text = str(obj)
            key = getattr(obj, "key", None)
            if key and key not in text:
                text = f"{text} ({key})"
    return text[:_LABEL]


def _country(country: Country | str | None) -> Country | None:
    if country is None or isinstance(country, Country):
        return country
    return Country.objects.filter(code=str(country).upper()).first()


def _codes_of(obj: Model | None) -> set[str]:
    """The countries ``obj`` concerns, by code."""
    if obj is None or obj.pk is None:
        return set()
    if isinstance(obj, Claim):
        obj = Document.objects.filter(pk=obj.document_id).select_related("country").first()
        if obj is None:
            return set()
    if isinstance(obj, Document):
        return {obj.country.code} if obj.country_id else set()
    if hasattr(obj, "memberships"):  # a user: the countries they act for
        return set(obj.memberships.exclude(country=None).values_list("country__code", flat=True))
    if type(obj) in RECORD_COUNTRY_PATHS:
        return countries_of(type(obj), [obj.pk])[obj.pk]
    return set()


def _country_concerned(obj: Model | None, user: Any) -> Country | None:
    """The object's country; of several (a record), the actor's among them; else the
    actor's (the first, by code, of a user acting for several). A record of several
    countries none of them the actor's has no one country: None."""
    found = _codes_of(obj)
    mine = set(access_of(user).countries) if user is not None else set()
    codes = found & mine if len(found) > 1 else (found or mine)
    if not codes:
        return None
    return Country.objects.filter(code=min(codes)).first()


def log(
    user: Any,
    action: str,
    obj: Model | None = None,
    country: Country | str | None = None,
    detail: str = "",
) -> Activity:
    """Write one activity row: ``user`` did ``action`` to ``obj`` (for ``country``)."""
    actor = _actor(user)
    obj = _unwrapped(obj)
    row = Activity(
        user=actor,
        username=actor.get_username()[:150] if actor is not None else "",
        action=Action(action),
        detail=" ".join(str(detail).split())[:_DETAIL],
    )
    if obj is not None:
        row.label = _label(obj)
        if obj.pk is not None:
            row.content_type = ContentType.objects.get_for_model(type(obj))
            row.object_id = obj.pk
            row.url = object_url(obj)[:_URL]
    row.country = _country(country) if country else _country_concerned(obj, actor)
    row.save()
    return row


def log_export(user: Any, what: str, *, obj: Model | None = None) -> Activity | None:
    """Log an export that may hold non-public data (documents only members read): written
    when ``user`` is signed in, since a visitor's export holds public data only. ``what``
    says what was exported ("annual report 2024, DOCX")."""
    actor = _actor(user)
    if actor is None or not access_of(actor).signed_in:
        return None
    return log(actor, Action.EXPORT, obj=obj, detail=what)


def activities(
    *,
    user: Any = None,
    action: str | None = None,
    country: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[Activity]:
    """The log, newest first, narrowed: ``user`` (by them or done to their account),
    ``action``, ``country`` (a code), days ``since`` and ``until`` (both included, in the
    site's time zone)."""
    rows = Activity.objects.select_related("user", "country", "content_type")
    if user is not None:
        account = ContentType.objects.get_for_model(type(user))
        rows = rows.filter(Q(user=user) | Q(content_type=account, object_id=user.pk))
    if action:
        rows = rows.filter(action=action)
    if country:
        rows = rows.filter(country__code=country.upper())
    if since is not None:
        rows = rows.filter(at__gte=_day_start(since))
    if until is not None:
        rows = rows.filter(at__lt=_day_start(until + dt.timedelta(days=1)))
    return rows.order_by("-at", "-pk")


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
