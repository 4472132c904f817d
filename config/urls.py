from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from envcoop.web.language import switch_language
from envcoop.web.views.health import healthz, readyz

urlpatterns = [
    path("language/<str:code>/", switch_language, name="switch_language"),
    # For probes: the same address in every language, never redirected to https.
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("envcoop.accounts.urls")),
    path("", include("envcoop.web.urls")),
    prefix_default_language=False,
)

handler403 = "envcoop.web.views.errors.refused"
handler404 = "envcoop.web.views.errors.not_found"
handler500 = "envcoop.web.views.errors.server_error"
