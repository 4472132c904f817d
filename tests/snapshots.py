"""A value snapshot of every registry table, to prove that a refused write wrote nothing."""

from __future__ import annotations

from django.apps import apps


def registry_snapshot() -> dict[str, list]:
    """Every row of every registry table (and its many-to-many tables), as values."""
    tables: dict[str, list] = {}
    for model in apps.get_app_config("registry").get_models(include_auto_created=True):
        columns = [f.attname for f in model._meta.concrete_fields]
        tables[model._meta.db_table] = sorted(model.objects.values_list(*columns), key=repr)
    return tables
