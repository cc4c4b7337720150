from django.apps import AppConfig


class IranConfig(AppConfig):
    name = "iran"
    verbose_name = "Iran (calendar, digits, identifiers)"

    def ready(self):
        from .widgets import register_admin_overrides

        register_admin_overrides()
