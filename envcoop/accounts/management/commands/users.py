"""`envcoop users`: add users, list them, give and take roles, disable them.

    envcoop users add USERNAME --email E --role ROLE [--country CC] [--organisation KEY]
                      [--send-link]
    envcoop users list [--json]
    envcoop users set-role USERNAME --role ROLE [--country CC] [--organisation KEY] [--remove]
    envcoop users disable USERNAME

Run on the server, a command acts with the operator's authority; ``--by USERNAME`` acts
as that user instead, with their rights (a focal point adds their country's contributors).
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from envcoop.accounts.models import Role
from envcoop.accounts.services import (
    role_set,
    scope_of,
    send_password_link,
    user_add,
    user_disable,
)


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


class Command(BaseCommand):
    help = "Add users, list them, give and take roles, disable them."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="a new user with one role")
        add.add_argument("username")
        add.add_argument("--email", required=True)
        add.add_argument(
            "--send-link",
            action="store_true",
            help="e-mail them a link to choose their password instead of printing one",
        )
        self._role_arguments(add)
        listing = actions.add_parser("list", help="every user with their roles")
        listing.add_argument("--json", action="store_true")
        set_role = actions.add_parser("set-role", help="give a user a role (or take it)")
        set_role.add_argument("username")
        self._role_arguments(set_role)
        set_role.add_argument("--remove", action="store_true", help="take the role away")
        disable = actions.add_parser("disable", help="the user may no longer sign in")
        disable.add_argument("username")
        for sub in (add, set_role, disable):
            sub.add_argument("--by", metavar="USERNAME", help="act as this user, with their rights")

    @staticmethod
    def _role_arguments(parser: CommandParser) -> None:
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--country", metavar="CC", help="for a focal point or contributor")
        parser.add_argument("--organisation", metavar="KEY", help="for a partner")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "list":
                self._list(options["json"])
                return
            by = self._user(options["by"]) if options.get("by") else None
            if action == "add":
                self._add(options, by)
            elif action == "set-role":
                self._set_role(options, by)
            else:
                user = self._user(options["username"])
                changed = user_disable(user, by=by)
                self.stdout.write(
                    f"{user.username}: disabled"
                    if changed
                    else f"{user.username}: already disabled"
                )
        except ValidationError as error:
            raise CommandError(_errors(error)) from error
        except PermissionDenied as error:
            raise CommandError(str(error)) from error

    @staticmethod
    def _user(username: str) -> Any:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is called {username!r} (see `envcoop users list`).")
        return user

    def _add(self, options: dict[str, Any], by: Any) -> None:
        scope = scope_of(options["role"], options.get("country"), options.get("organisation"))
        user, password = user_add(options["username"], email=options["email"], scope=scope, by=by)
        self.stdout.write(f"Added {user.username} ({options['role']}).")
        if options["send_link"]:
            send_password_link(user)
            self.stdout.write(f"A link to choose a password was sent to {user.email}.")
            return
        self.stdout.write(
            "One-time password (give it to them; they change it at /accounts/password/):"
        )
        self.stdout.write(password)

    def _set_role(self, options: dict[str, Any], by: Any) -> None:
        user = self._user(options["username"])
        scope = scope_of(options["role"], options.get("country"), options.get("organisation"))
        changed = role_set(user, scope, remove=options["remove"], by=by)
        verb = "removed" if options["remove"] else "given"
        state = verb if changed else ("not held" if options["remove"] else "already held")
        self.stdout.write(f"{user.username}: {options['role']} {state}")

    def _list(self, as_json: bool) -> None:
        users = (
            get_user_model()
            .objects.order_by("username")
            .prefetch_related("memberships__country", "memberships__organisation")
        )
        rows = [
            {
                "username": user.username,
                "email": user.email,
                "active": user.is_active,
                "superuser": user.is_superuser,
                "last_login": user.last_login.isoformat() if user.last_login else None,
                "roles": [
                    {
                        "role": m.role,
                        "country": m.country.code if m.country_id else None,
                        "organisation": m.organisation.key if m.organisation_id else None,
                    }
                    for m in user.memberships.all()
                ],
            }
            for user in users
        ]
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            roles = ", ".join(
                r["role"]
                + (
                    f" {r['country'] or r['organisation']}"
                    if r["country"] or r["organisation"]
                    else ""
                )
                for r in row["roles"]
            ) or ("superuser" if row["superuser"] else "no role")
            state = "" if row["active"] else " (disabled)"
            self.stdout.write(f"{row['username']}{state}\t{row['email']}\t{roles}")
