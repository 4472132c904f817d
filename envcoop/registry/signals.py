"""Reference data is loaded after every migrate, so a new database is never empty."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig


def load_reference_after_migrate(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    from envcoop.registry.data.loader import load_reference
    from envcoop.registry.models import Area

    if using != "default":
        return
    # Only when the registry tables exist (migrate may stop before them).
    from django.db import connections

    if Area._meta.db_table not in connections[using].introspection.table_names():
        return
    load_reference()
