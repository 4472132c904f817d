"""Django admin for every registry model: filters by area, country, year, status, kind; search on
names in any language."""

from envcoop.registry.admin import records, reference  # noqa: F401  (registers the admins)
