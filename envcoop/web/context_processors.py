from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import get_language

from envcoop.accounts.rules import may


class _Rules:
    """``{{ may.review }}`` in a template: whether the reader may do this (no object)."""

    def __init__(self, user: object) -> None:
        self._user = user

    def __getitem__(self, rule: str) -> bool:
        return may(self._user, rule)  # type: ignore[arg-type]


def _scope(user: object) -> str:
    """The reader's roles with their country or organisation, for the header."""
    if not getattr(user, "is_authenticated", False):
        return ""
    memberships = user.memberships.select_related("country", "organisation")  # type: ignore[attr-defined]
    return "; ".join(membership.describe() for membership in memberships)


def site(request: HttpRequest) -> dict:
    """The interface languages, each with this page's address in it and a link that switches."""
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    user = getattr(request, "user", None)
    return {
        "may": _Rules(user),
        "user_scope": SimpleLazyObject(lambda: _scope(user)),
        "ui_languages": [
            {
                "code": code,
                "name": name,
                "url": translate_url(path, code),
                "switch": f"{reverse('switch_language', args=[code])}?{urlencode({'next': path})}",
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ],
    }
