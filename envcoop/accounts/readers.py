"""For whom a command reads: the public (None, nobody signed in), a user named with
``--as USERNAME``, or the operator at the command line, who reads the whole store (as the
Secretariat does).

Commands whose output leaves the system (``envcoop report``, ``envcoop export``) write for
the public unless given ``--as``; commands that only show the store to whoever runs them
(``envcoop search``, ``envcoop show``) read everything unless given ``--as``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser

from envcoop.accounts.roles import Access, assume


class _Operator:
    """Whoever runs a command: reads every document (the Secretariat's access)."""

    pk = None
    is_authenticated = True
    is_active = True
    is_superuser = False
    username = "(command line)"

    def __init__(self) -> None:
        assume(self, Access(signed_in=True, admin=True, reviewer=True))

    def has_perm(self, perm: str, obj: object = None) -> bool:
        return True

    def __str__(self) -> str:
        return self.username


OPERATOR = _Operator()


def add_reader_option(parser: CommandParser, *, default: str) -> None:
    """``--as USERNAME``; ``default`` says for whom the command reads without it."""
    parser.add_argument(
        "--as",
        dest="reader",
        metavar="USERNAME",
        help=f"read as this user sees the documents (their visibility); default: {default}",
    )


def reader_from(options: dict[str, Any], *, default: object = None) -> Any:
    """The user ``--as`` names (CommandError when there is none), else ``default``."""
    username = options.get("reader")
    if not username:
        return default
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"--as {username}: no user with this name (see envcoop users)")
    if not user.is_active:
        raise CommandError(f"--as {username}: this user is inactive")
    return user
