"""The release status panel on an entry's edit page: where the entry stands,
its announced minute in both calendars, every date change, and the
publisher's buttons (confirm, change the release date, cancel) in plain sight.

The buttons lead to the existing schedule flows (admin_views.py); Wagtail's own
«Move» in the page menu moves the page in the tree, which is another thing."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from iran.dates import format_date, format_datetime, to_tehran

from .content_forms import may_release
from .enums import ReleaseStatus


def schedule_actions(entry, user):
    """[(label, url, icon)] the user may take on the entry now."""
    if entry is None or not entry.pk or not may_release(user):
        return []
    actions = []
    if entry.status == ReleaseStatus.PROVISIONAL:
        actions.append((_("Confirm release"), reverse("releases_admin:confirm", args=[entry.pk]), "tick"))
    if entry.status in (ReleaseStatus.PROVISIONAL, ReleaseStatus.CONFIRMED):
        actions.append((_("Change release date"), reverse("releases_admin:move", args=[entry.pk]), "date"))
        actions.append((_("Cancel release"), reverse("releases_admin:cancel", args=[entry.pk]), "cross"))
    return actions


def gregorian_minute(value) -> str:
    """«2026-12-11 10:00 (Tehran)»: the Gregorian date beside the Jalali one."""
    return f"{to_tehran(value):%Y-%m-%d %H:%M} (Tehran)" if value else ""


class ReleaseStatusPanel(Panel):
    """Read-only; shown once the entry exists."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "releases/admin/status_panel.html"

        def is_shown(self):
            return bool(getattr(self.instance, "pk", None)) and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            entry = self.instance
            user = getattr(self.request, "user", None)
            context.update(
                entry=entry,
                status=entry.get_status_display(),
                status_code=entry.status,
                jalali=format_datetime(entry.release_at, "fa"),
                gregorian=gregorian_minute(entry.release_at),
                changes=[
                    {
                        "when": format_date(change.changed_at, "fa"),
                        "previous": format_datetime(change.previous_release_at, "fa"),
                        "new": format_datetime(change.new_release_at, "fa"),
                        "reason": change.reason,
                        "by": change.changed_by,
                    }
                    for change in entry.date_changes().select_related("changed_by")
                ],
                actions=schedule_actions(entry, user),
            )
            return context
