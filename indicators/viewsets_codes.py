"""Code lists and their codes in the Wagtail admin (snippets).

A code's list is a plain ForeignKey, not a ParentalKey, so the codes are not
an InlinePanel of the list: the codes have their own listing, filtered by
list, reached from each list's row («Codes of this list»). That keeps the
schema as it is (the importer, the API and the data migrations read it)."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.widgets import Button, ListingButton
from wagtail.snippets.views import snippets

from .models import Code, CodeList
from .viewsets_bulk import BulkFilesIndexMixin


def codes_url(code_list) -> str:
    return reverse(Code.snippet_viewset.get_url_name("list")) + "?" + urlencode({"code_list": code_list.pk})


def bilingual(base: str, heading, fa: str = "fa", en: str = "en") -> FieldRowPanel:
    """The Persian and the English field side by side."""
    return FieldRowPanel([FieldPanel(f"{base}_{fa}"), FieldPanel(f"{base}_{en}")], heading=heading)


class CodeListIndexView(BulkFilesIndexMixin, snippets.IndexView):
    def get_list_more_buttons(self, instance):
        return [
            ListingButton(_("Codes of this list"), url=codes_url(instance), icon_name="list-ol", priority=5),
            *super().get_list_more_buttons(instance),
        ]


class CodeListEditView(snippets.EditView):
    @property
    def header_more_buttons(self):
        codes = Button(_("Codes of this list"), url=codes_url(self.object), icon_name="list-ol", priority=5)
        return [codes, *super().header_more_buttons]


class CodeListViewSet(snippets.SnippetViewSet):
    model = CodeList
    icon = "list-ol"
    menu_label = _("Code lists")
    index_view_class = CodeListIndexView
    edit_view_class = CodeListEditView
    list_display = ["code", "name_fa", "name_en", "standard", "total_code"]
    list_filter = ["standard"]
    search_fields = ["code", "name_fa", "name_en"]
    panels = [
        FieldPanel("code"),
        bilingual("name", _("Name")),
        FieldPanel("standard"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("total_code"), FieldPanel("header_aliases")], heading=_("Import")),
    ]


class CodeIndexView(BulkFilesIndexMixin, snippets.IndexView):
    def get_add_url(self):
        """Adding from a list's codes starts with that list chosen."""
        url = super().get_add_url()
        code_list = self.request.GET.get("code_list", "")
        if url and code_list.isdigit():
            url += ("&" if "?" in url else "?") + urlencode({"code_list": code_list})
        return url


class CodeCreateView(snippets.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        code_list = self.request.GET.get("code_list", "")
        if code_list.isdigit():
            initial["code_list"] = code_list
        return initial


class CodeViewSet(snippets.SnippetViewSet):
    model = Code
    icon = "tag"
    menu_label = _("Codes")
    index_view_class = CodeIndexView
    add_view_class = CodeCreateView
    list_display = ["code", "label_fa", "label_en", "code_list", "parent", "valid_to"]
    list_filter = ["code_list", "valid_to"]
    search_fields = ["code", "label_fa", "label_en"]
    list_per_page = 100
    panels = [
        FieldPanel("code_list"),
        FieldPanel("code"),
        bilingual("label", _("Label")),
        FieldPanel("parent"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")], heading=_("Validity")),
        FieldPanel("sort_order"),
    ]
