from django.apps import AppConfig


class IranConfig(AppConfig):
    name = "iran"
    verbose_name = "Iran (calendar, digits, identifiers)"
