from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = _("Release calendar")

    def ready(self):
        # Imports stay inside ready(): apps.py is loaded before any model exists,
        # and ready() is Django's place to connect signals and read finished models.
        from . import signal_handlers  # noqa: F401

        self.set_translatable_fields()

    def set_translatable_fields(self):
        """wagtail-localize: codes (topics, period, telephone) are copied, not
        offered to translators; the schedule (status, dates, notice) is never
        touched by a translation sync: it changes only through services.py."""
        from wagtail_localize.fields import SynchronizedField, get_translatable_fields

        from .models import ReleasePage  # called from ready(): see there

        synchronised = {"topics", "reference_period", "contact_phone"}
        left_alone = {*ReleasePage.SCHEDULE_FIELDS, "cancellation_notice"}
        fields = []
        for field in get_translatable_fields(ReleasePage):
            if field.field_name in left_alone:
                continue
            fields.append(SynchronizedField(field.field_name) if field.field_name in synchronised else field)
        ReleasePage.translatable_fields = fields
