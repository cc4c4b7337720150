"""The Indicators menu of the Wagtail admin: warehouse imports, identity
cards, code lists and codes (snippets, indicators/viewsets_*.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core.admin_menu import PermissionMenuItem

from . import admin_views
from .viewsets_cards import DimensionViewSet, IndicatorViewSet
from .viewsets_codes import CodeListViewSet, CodeViewSet

SUBMENU_HOOK = "register_indicators_menu_item"


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("indicators/import/", admin_views.upload, name="indicators_import"),
        path("indicators/import/<int:pk>/", admin_views.detail, name="indicators_import_detail"),
        path("indicators/import/<int:pk>/confirm/", admin_views.confirm, name="indicators_import_confirm"),
        path("indicators/import/<int:pk>/status/", admin_views.status, name="indicators_import_status"),
    ]


@hooks.register(SUBMENU_HOOK)
def warehouse_import_menu_item():
    return PermissionMenuItem(
        _("Import a warehouse table"),
        reverse("indicators_import"),
        perms="indicators.add_importbatch",
        icon_name="upload",
        order=0,
    )


class IndicatorsGroup(SnippetViewSetGroup):
    """Each item is shown to whoever holds any permission on its model; the
    menu itself only when one of its items is."""

    menu_label = _("Indicators")
    menu_icon = "table"
    menu_order = 250
    submenu_hook = SUBMENU_HOOK
    items = (IndicatorViewSet, CodeListViewSet, CodeViewSet, DimensionViewSet)


register_snippet(IndicatorsGroup)
