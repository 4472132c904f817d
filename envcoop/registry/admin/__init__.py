"""Django admin for every registry model: filters by area, country, year, status, kind; search on
names in any language."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from envcoop.registry.admin import records, reference  # noqa: F401  (registers the admins)

admin.site.site_header = _("envcoop administration")
admin.site.site_title = _("envcoop administration")
admin.site.index_title = _("Cooperation records and reference data")
