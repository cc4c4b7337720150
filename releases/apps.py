from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = _("Release calendar")

    def ready(self):
        from . import signal_handlers  # noqa: F401
