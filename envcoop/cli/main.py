"""`envcoop`: one command for envcoop's own commands and Django's management commands.

    envcoop migrate
    envcoop load-reference
    envcoop runserver 127.0.0.1:8000

Command names may be written with hyphens (load-reference) or underscores
(load_reference); Django's own commands keep their usual names.
"""

from __future__ import annotations

import os
import sys


def _normalise(argv: list[str]) -> list[str]:
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv = [argv[0], argv[1].replace("-", "_"), *argv[2:]]
    return argv


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    args = _normalise(list(sys.argv if argv is None else argv))
    args[0] = "envcoop"
    from envcoop.core.recording import How, recorded

    try:
        with recorded(None, How.COMMAND):  # what a command writes is in history as "command"
            execute_from_command_line(args)
    except DatabaseError as error:
        missing = "no such table" in str(error) or "does not exist" in str(error)
        if not missing or args[1:2] == ["migrate"]:
            raise
        sys.stderr.write(
            f"envcoop: the database has no tables yet ({error}): run `envcoop migrate` "
            "(or `make run`) first\n"
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
