"""The catalog in the Wagtail admin: datasets (with variables and related links
inline), data files, grouped under one menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import DataFile, Dataset


class DatasetViewSet(SnippetViewSet):
    model = Dataset
    icon = "table"
    menu_label = _("Datasets")
    list_display = ["title", "organisation", "access_level", "periodicity", "last_updated", "published"]
    list_filter = ["access_level", "unit", "periodicity", "topic", "organisation", "published"]
    search_fields = ["title_fa", "title_en", "slug", "keywords"]
    ordering = ["-last_updated"]


class DataFileViewSet(SnippetViewSet):
    model = DataFile
    icon = "doc-full"
    menu_label = _("Data files")
    list_display = ["title", "dataset", "access_level", "period", "file_format", "is_demo"]
    list_filter = ["access_level", "is_demo"]
    search_fields = ["title_fa", "title_en"]


class CatalogGroup(SnippetViewSetGroup):
    menu_label = _("Data catalog")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (DatasetViewSet, DataFileViewSet)


register_snippet(CatalogGroup)
