"""Import and export of catalog entries (django-import-export) in the Django
admin at /django-admin/catalog/. Editing day to day happens in the Wagtail admin."""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from core.bulk_formats import GuardedExportMixin

from .models import Dataset, Variable
from .resources import DatasetResource, VariableResource


@admin.register(Dataset)
class DatasetAdmin(GuardedExportMixin, ImportExportModelAdmin):
    resource_classes = [DatasetResource]
    list_display = ["slug", "title_fa", "title_en", "access_level", "last_updated", "published"]
    list_filter = ["access_level", "unit", "periodicity", "published"]
    search_fields = ["slug", "title_fa", "title_en"]


@admin.register(Variable)
class VariableAdmin(GuardedExportMixin, ImportExportModelAdmin):
    resource_classes = [VariableResource]
    list_display = ["name", "label_fa", "dataset", "var_type"]
    list_filter = ["var_type"]
    search_fields = ["name", "label_fa", "label_en"]
