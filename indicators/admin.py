"""Django admin (/django-admin/) with django-import-export: code lists, codes,
identity cards in and out as CSV/XLSX, reached from the «Import» and «Export»
buttons of their Wagtail admin listings (indicators/viewsets_bulk.py), where they
are edited day to day. Warehouse tables are imported in the Wagtail admin
(Indicators › Import a warehouse table)."""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from core.bulk_formats import GuardedExportMixin
from core.taxonomy_forms import TopicsField

from .models import Code, CodeList, ImportBatch, Indicator, IndicatorDimension
from .resources import CodeListResource, CodeResource, IndicatorResource
from .viewsets_bulk import may_export, may_import


class PermittedImportExportAdmin(GuardedExportMixin, ImportExportModelAdmin):
    """Importing needs the model's add and change permissions, exporting its
    view or change permission (django-import-export lets any staff user do
    both unless told otherwise). Exported cells go through the formula guard."""

    def has_import_permission(self, request):
        return may_import(request.user, self.model)

    def has_export_permission(self, request):
        return may_export(request.user, self.model)


class CodeInline(admin.TabularInline):
    model = Code
    fk_name = "code_list"
    extra = 0
    fields = ["code", "label_fa", "label_en", "parent", "valid_from", "valid_to", "sort_order"]
    raw_id_fields = ["parent"]


@admin.register(CodeList)
class CodeListAdmin(PermittedImportExportAdmin):
    resource_classes = [CodeListResource]
    list_display = ["code", "name_fa", "name_en", "standard", "total_code"]
    search_fields = ["code", "name_fa", "name_en"]
    inlines = [CodeInline]


@admin.register(Code)
class CodeAdmin(PermittedImportExportAdmin):
    resource_classes = [CodeResource]
    list_display = ["code_list", "code", "label_fa", "label_en", "parent", "valid_from", "valid_to"]
    list_filter = ["code_list"]
    search_fields = ["code", "label_fa", "label_en"]
    raw_id_fields = ["parent"]


class DimensionInline(admin.TabularInline):
    model = IndicatorDimension
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(PermittedImportExportAdmin):
    resource_classes = [IndicatorResource]
    list_display = ["code", "name_fa", "periodicity", "producer", "is_key", "is_headline", "is_demo"]
    list_filter = ["periodicity", "is_key", "is_headline", "producer"]
    search_fields = ["code", "name_fa", "name_en"]
    inlines = [DimensionInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "topics":  # the shared topics (core.taxonomy), as checkboxes
            return TopicsField()
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["created_at", "indicator", "original_name", "status", "rows_total", "rows_created", "rows_revised"]
    list_filter = ["status", "indicator"]
    readonly_fields = [f.name for f in ImportBatch._meta.fields]

    def has_add_permission(self, request):
        return False
