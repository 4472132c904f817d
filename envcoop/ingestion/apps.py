from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestionConfig(AppConfig):
    name = "envcoop.ingestion"
    label = "ingestion"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from envcoop.ingestion import originals  # noqa: F401  (its receiver)
