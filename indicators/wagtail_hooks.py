from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("indicators/import/", admin_views.upload, name="indicators_import"),
        path("indicators/import/<int:pk>/", admin_views.detail, name="indicators_import_detail"),
        path("indicators/import/<int:pk>/confirm/", admin_views.confirm, name="indicators_import_confirm"),
        path("indicators/import/<int:pk>/status/", admin_views.status, name="indicators_import_status"),
    ]


class PermittedItem(MenuItem):
    def __init__(self, *args, perm="indicators.add_importbatch", **kwargs):
        self.perm = perm
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.perm)


@hooks.register("register_admin_menu_item")
def register_menu():
    menu = Menu(
        items=[
            PermittedItem(_("Import a warehouse table"), reverse("indicators_import"), icon_name="upload", order=1),
            PermittedItem(
                _("Indicators and identity cards"),
                "/django-admin/indicators/indicator/",
                icon_name="list-ul",
                order=2,
                perm="indicators.change_indicator",
            ),
            PermittedItem(
                _("Code lists"),
                "/django-admin/indicators/codelist/",
                icon_name="list-ol",
                order=3,
                perm="indicators.change_codelist",
            ),
            PermittedItem(
                _("Codes (import/export)"),
                "/django-admin/indicators/code/",
                icon_name="table",
                order=4,
                perm="indicators.change_code",
            ),
        ]
    )
    return SubmenuMenuItem(_("Indicators"), menu, icon_name="table", order=250)
