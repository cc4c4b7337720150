"""django-import-export resources: code lists, codes and identity cards in and out of the admin."""

from import_export import fields, resources, widgets

from core.taxonomy import Topic, codes_from_db, codes_to_db, topic_code

from .models import Code, CodeList, Indicator


class CodeListResource(resources.ModelResource):
    class Meta:
        model = CodeList
        import_id_fields = ["code"]
        fields = ["code", "name_fa", "name_en", "description", "standard", "total_code", "header_aliases"]
        skip_unchanged = True


class ParentWidget(widgets.ForeignKeyWidget):
    """A parent is a code of the same code list."""

    def get_queryset(self, value, row, *args, **kwargs):
        return Code.objects.filter(code_list__code=row.get("code_list"))


class CodeResource(resources.ModelResource):
    code_list = fields.Field(
        attribute="code_list", column_name="code_list", widget=widgets.ForeignKeyWidget(CodeList, "code")
    )
    parent = fields.Field(attribute="parent", column_name="parent", widget=ParentWidget(Code, "code"))

    class Meta:
        model = Code
        import_id_fields = ["code_list", "code"]
        fields = ["code_list", "code", "label_fa", "label_en", "parent", "valid_from", "valid_to", "sort_order"]
        skip_unchanged = True


class TopicsWidget(widgets.Widget):
    """Topics as «labour_market,wages» in a file; old slugs (labour-market) are read too."""

    def clean(self, value, row=None, **kwargs):
        codes = []
        for part in str(value or "").split(","):
            code = topic_code(part)
            if part.strip() and not code:
                raise ValueError(f"unknown topic {part.strip()!r}; use one of {', '.join(Topic.values)}")
            codes.append(code)
        return codes_to_db(codes)

    def render(self, value, obj=None, **kwargs):
        return ",".join(codes_from_db(value))


class IndicatorResource(resources.ModelResource):
    producer = fields.Field(
        attribute="producer",
        column_name="producer",
        widget=widgets.ForeignKeyWidget(Code.objects.filter(code_list__code="organisation"), "code"),
    )
    topics = fields.Field(attribute="topics", column_name="topics", widget=TopicsWidget())

    class Meta:
        model = Indicator
        import_id_fields = ["code"]
        exclude = ["id", "created_at", "updated_at"]
        skip_unchanged = True
