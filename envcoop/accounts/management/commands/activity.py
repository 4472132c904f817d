"""`envcoop activity`: the activity log, newest first.

    envcoop activity [--user U] [--action A] [--country CC] [--since DATE] [--until DATE]
                     [--limit N] [--json]

``--user`` shows what the user did and what was done to their account; dates are
YYYY-MM-DD, both ends included, in the site's time zone.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from envcoop.accounts.activity import activities
from envcoop.accounts.models import Action, Activity


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{value!r} is not a date (YYYY-MM-DD).") from error


def as_json(row: Activity) -> dict[str, Any]:
    return {
        "id": row.pk,
        "at": timezone.localtime(row.at).isoformat(),
        "user": row.user.get_username() if row.user else (row.username or None),
        "action": row.action,
        "action_label": str(row.get_action_display()),
        "country": row.country.code if row.country else None,
        "object": (
            {
                "type": f"{row.content_type.app_label}.{row.content_type.model}"
                if row.content_type
                else None,
                "id": row.object_id,
                "label": row.label,
                "url": row.url or None,
            }
            if row.label or row.object_id is not None
            else None
        ),
        "detail": row.detail,
    }


class Command(BaseCommand):
    help = "The activity log, newest first: who did what, when, to which object."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", metavar="USERNAME", help="by this user or to their account")
        parser.add_argument("--action", choices=Action.values)
        parser.add_argument("--country", metavar="CC", help="the country concerned")
        parser.add_argument("--since", metavar="DATE", help="from this day (YYYY-MM-DD)")
        parser.add_argument("--until", metavar="DATE", help="to this day (YYYY-MM-DD)")
        parser.add_argument(
            "--limit", type=int, default=100, help="at most this many rows (0: all; default 100)"
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(
                    f"No user is called {options['user']!r} (see `envcoop users list`)."
                )
        since = _day(options["since"]) if options["since"] else None
        until = _day(options["until"]) if options["until"] else None
        if options["limit"] < 0:
            raise CommandError("--limit is 0 (all) or more.")
        rows = activities(
            user=user,
            action=options["action"],
            country=options["country"],
            since=since,
            until=until,
        )
        if options["limit"]:
            rows = rows[: options["limit"]]
        if options["json"]:
            found = [as_json(row) for row in rows]
            self.stdout.write(json.dumps(found, ensure_ascii=False, indent=2))
            return
        for row in rows:
            who = row.user.get_username() if row.user else (row.username or "-")
            fields = [
                f"{timezone.localtime(row.at):%Y-%m-%d %H:%M}",
                who,
                row.action,
                row.label or "-",
                row.country.code if row.country else "-",
                row.detail,
            ]
            self.stdout.write("\t".join(fields).rstrip())
