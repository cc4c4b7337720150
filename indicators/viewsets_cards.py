"""Indicators and their identity cards (شناسنامه نماگر) in the Wagtail admin.

The card is long, so it is split into tabs: what the indicator measures,
where it comes from and who answers for it, its norms and standards, and how
it is published. Persian and English versions of a field sit side by side.
An indicator's dimensions (which code lists its observations are broken down
by) are a plain ForeignKey, like codes, so they have their own listing,
filtered by indicator."""

from django import forms
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList, TabbedInterface
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.views import snippets

from core.taxonomy_forms import TopicsField

from .models import Indicator, IndicatorDimension
from .viewsets_bulk import BulkFilesIndexMixin
from .viewsets_codes import bilingual


class IndicatorCardForm(WagtailAdminModelForm):
    # The shared topics (core.taxonomy), stored «,a,b,», as checkboxes.
    topics = TopicsField()


card_panels = TabbedInterface(
    [
        ObjectList(
            [
                FieldPanel("code"),
                bilingual("name", _("Name")),
                bilingual("definition", _("Definition")),
                bilingual("method", _("Method of calculation")),
                bilingual("unit", _("Unit")),
                FieldRowPanel([FieldPanel("periodicity"), FieldPanel("decimals")]),
            ],
            heading=_("Identity card"),
        ),
        ObjectList(
            [
                # A select, so that only the organisation code list is offered.
                FieldPanel("producer", widget=forms.Select),
                FieldRowPanel(
                    [FieldPanel("source_system"), FieldPanel("source_system_en")], heading=_("Source system")
                ),
                FieldRowPanel(
                    [FieldPanel("contact_name"), FieldPanel("contact_name_en")], heading=_("Responsible contact")
                ),
                FieldPanel("contact_email"),
            ],
            heading=_("Sources and contacts"),
        ),
        ObjectList(
            [
                FieldRowPanel([FieldPanel("norm_lower"), FieldPanel("norm_upper")], heading=_("Norm")),
                FieldPanel("higher_is_better"),
                bilingual("standards", _("Standards and international comparability")),
            ],
            heading=_("Norms and standards"),
        ),
        ObjectList(
            [
                FieldPanel("topics"),
                FieldPanel("release_series"),
                FieldRowPanel([FieldPanel("is_key"), FieldPanel("is_headline"), FieldPanel("is_demo")]),
                FieldRowPanel([FieldPanel("suppression_threshold"), FieldPanel("is_additive")]),
                FieldPanel("sort_order"),
                bilingual("notes", _("Notes")),
            ],
            heading=_("Publishing"),
        ),
    ],
    base_form_class=IndicatorCardForm,
)


def dimensions_url(indicator) -> str:
    viewset = IndicatorDimension.snippet_viewset
    return reverse(viewset.get_url_name("list")) + "?" + urlencode({"indicator": indicator.pk})


class IndicatorIndexView(BulkFilesIndexMixin, snippets.IndexView):
    def get_list_more_buttons(self, instance):
        return [
            ListingButton(_("Dimensions"), url=dimensions_url(instance), icon_name="list-ol", priority=5),
            *super().get_list_more_buttons(instance),
        ]


class IndicatorViewSet(snippets.SnippetViewSet):
    model = Indicator
    icon = "doc-full"
    menu_label = _("Indicators and identity cards")
    index_view_class = IndicatorIndexView
    list_display = ["code", "name_fa", "name_en", "periodicity", "producer", "is_key", "is_headline"]
    list_filter = ["periodicity", "is_key", "is_headline", "is_demo", "producer"]
    # Searched through the site's search index (Indicator.search_fields: names,
    # code and card, both languages); naming fields here breaks SQLite's FTS.
    edit_handler = card_panels


class DimensionViewSet(snippets.SnippetViewSet):
    model = IndicatorDimension
    icon = "table"
    menu_label = _("Indicator dimensions")
    list_display = ["indicator", "position", "code_list"]
    list_filter = ["indicator", "code_list"]
    panels = [FieldPanel("indicator", widget=forms.Select), FieldPanel("position"), FieldPanel("code_list")]
