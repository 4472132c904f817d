from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "envcoop.registry"
    label = "registry"
    verbose_name = _("Cooperation registry")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from envcoop.registry.signals import load_reference_after_migrate

        post_migrate.connect(load_reference_after_migrate, sender=self)
