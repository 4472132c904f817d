from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "envcoop.core"
    label = "core"
