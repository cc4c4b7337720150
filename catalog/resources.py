"""Catalog entries in and out with django-import-export (CSV, XLSX, JSON):
datasets keyed by slug, their topic and organisation by code (core.taxonomy); variables keyed
by dataset slug and name. An import runs in one transaction (all or nothing)."""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from .models import Dataset, Variable


class AllOrNothingResource(resources.ModelResource):
    """A file with any invalid row changes nothing (DESIGN.md invariant 2)."""

    def import_data(self, dataset, *args, **kwargs):
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().import_data(dataset, *args, **kwargs)


class DatasetResource(AllOrNothingResource):
    class Meta:
        model = Dataset
        import_id_fields = ["slug"]
        skip_unchanged = True
        use_transactions = True
        fields = [
            "slug", "title_fa", "title_en", "description_fa", "description_en", "keywords", "topic",
            "organisation", "source_system", "unit", "geographic_coverage_fa", "geographic_coverage_en",
            "geographic_level_fa", "geographic_level_en", "time_coverage_start", "time_coverage_end",
            "periodicity", "update_cadence", "last_updated", "access_level", "standards", "contact_name",
            "contact_email", "licence_note_fa", "licence_note_en", "is_demo", "published",
        ]  # fmt: skip
        export_order = fields

    def before_save_instance(self, instance, row, **kwargs):
        instance.full_clean(exclude=["search_text"], validate_unique=False)


class VariableResource(AllOrNothingResource):
    dataset = fields.Field(attribute="dataset", column_name="dataset", widget=ForeignKeyWidget(Dataset, field="slug"))

    class Meta:
        model = Variable
        import_id_fields = ["dataset", "name"]
        skip_unchanged = True
        use_transactions = True
        fields = [
            "dataset", "name", "label_fa", "label_en", "var_type", "code_list", "description_fa",
            "description_en", "is_direct_identifier", "sort_order",
        ]  # fmt: skip
        export_order = fields

    def after_import(self, dataset, result, **kwargs):
        # Variables feed the dataset's search text.
        slugs = {row.get("dataset") for row in dataset.dict}
        for ds in Dataset.objects.filter(slug__in=slugs):
            ds.save(update_fields=["search_text"])
