"""Bulk files for the Wagtail admin listings: «Import» and «Export» buttons
that open django-import-export's own workflow (upload, preview of every
change and error, confirm) at /django-admin/. Wagtail has no integration of
its own for django-import-export, and its workflow is the tested one: the
buttons only make it reachable from the one back office."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import Button


def bulk_permissions(model) -> tuple[str, str]:
    """Importing writes rows, so it needs add and change; exporting needs view."""
    opts = model._meta
    return f"{opts.app_label}.add_{opts.model_name}", f"{opts.app_label}.change_{opts.model_name}"


def may_import(user, model) -> bool:
    return user.is_active and user.is_staff and user.has_perms(bulk_permissions(model))


def may_export(user, model) -> bool:
    opts = model._meta
    perms = [f"{opts.app_label}.{action}_{opts.model_name}" for action in ("view", "change")]
    return user.is_active and user.is_staff and any(user.has_perm(perm) for perm in perms)


def bulk_buttons(user, model) -> list[Button]:
    """The import/export buttons the user may use (the Django admin needs staff status)."""
    opts = model._meta
    buttons = []
    for action, label, icon, allowed in (
        ("import", _("Import a file (CSV/XLSX)"), "upload", may_import),
        ("export", _("Export a file (CSV/XLSX)"), "download", may_export),
    ):
        if not allowed(user, model):
            continue
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{action}")
        except NoReverseMatch:  # the model has no import-export admin
            continue
        buttons.append(Button(label, url=url, icon_name=icon, priority=50 if action == "import" else 60))
    return buttons


class BulkFilesIndexMixin:
    """For a snippet IndexView: the bulk file buttons in the header's «more» menu."""

    @property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *bulk_buttons(self.request.user, self.model)]
