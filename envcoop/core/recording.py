"""Who is writing, how and for which claim: one context variable that every registry write in
a block is recorded with (``envcoop/registry/history.py`` stores it with each history row).

    with recorded(user, How.ACCEPT, claim=claim.pk):
        ...

Kept free of models so that the ``envcoop`` command can open a block before Django starts.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class How(models.TextChoices):
    FORM = "form", _("form")
    IMPORT = "import", _("import")
    ACCEPT = "accept", _("accept of a claim")
    UNDO = "undo", _("undo of an accept")
    MERGE = "merge", _("merge")
    ADMIN = "admin", _("administration")
    API = "api", _("API")
    COMMAND = "command", _("command")


@dataclass(frozen=True)
class Recording:
    user: Any  # a user (maybe a request's lazy one), or None
    how: str
    claim: int | None
    batch: str
    undoes: str = ""  # for an undo: the batch it reverts

    @property
    def reason(self) -> str:
        """The change reason stored with each row: "accept of claim 12", "import", ..."""
        if self.claim is not None:
            return f"{self.how} of claim {self.claim}"
        return self.how

    def history_user(self) -> Any:
        user = self.user() if callable(self.user) else self.user
        return user if getattr(user, "is_authenticated", False) and user.pk else None


_current: ContextVar[Recording | None] = ContextVar("envcoop_recording", default=None)


def current() -> Recording | None:
    return _current.get()


@contextmanager
def recorded(
    user: Any = None, how: str = How.COMMAND, *, claim: int | None = None, undoes: str = ""
) -> Iterator[Recording]:
    """Record every registry write in the block as made by ``user``, ``how`` (and for
    ``claim``), as one batch. ``user`` may be a callable (a request's user, read when a row
    is written)."""
    outer = _current.get()
    if user is None and outer is not None:
        user = outer.user
    recording = Recording(
        user=user, how=str(how), claim=claim, batch=uuid.uuid4().hex, undoes=undoes
    )
    token = _current.set(recording)
    try:
        yield recording
    finally:
        _current.reset(token)
