from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "envcoop.web"
    label = "web"
