"""The catalog's one page: listing, dataset pages, variable search and DCAT feeds."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.compiled import CompiledQuery
from core.language import current_language

from .. import views


class CatalogIndexPage(RoutablePageMixin, Page):
    """/fa/catalog/: the catalog's listing, dataset pages, the variable search
    and the DCAT feeds, all served by this one page's routes (see views.py)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("data catalog page")

    @classmethod
    def for_language(cls, language=None):
        """The live catalog page in this language, else any live one (rare)."""
        found = _LIVE_IN_LANGUAGE(language=language or current_language())
        return found[0] if found else cls.objects.live().first()

    @classmethod
    def dataset_url(cls, dataset, language=None, index=None):
        """The dataset's page; pass `index` (this language's catalog page) when
        making many links, so the page is looked up once."""
        page = index or cls.for_language(language)
        if page is None:
            return ""
        return page.url + page.reverse_subpage("dataset", kwargs={"slug": dataset.slug})

    def url_for(self, name, **kwargs):
        return self.url + self.reverse_subpage(name, kwargs=kwargs or None)

    @path("")
    def listing(self, request):
        return views.listing(request, self)

    @path("variables/")
    def variables(self, request):
        return views.variable_search(request, self)

    @path("dcat/")
    def dcat_catalog(self, request):
        return views.dcat_catalog(request, self)

    @path("<slug:slug>/")
    def dataset(self, request, slug):
        return views.dataset_detail(request, self, slug)

    @path("<slug:slug>/dcat/")
    def dataset_jsonld(self, request, slug):
        return views.dataset_jsonld(request, self, slug)


def _live_in_language(language):
    pages = CatalogIndexPage.objects.live().filter(locale__language_code=language)
    return (pages if pages.ordered else pages.order_by("pk"))[:1]  # as `.first()` asks it


# Every search with a catalog hit and every dataset link asks for the page: its
# statement is compiled once (core/compiled.py), the NUL marker no language code.
_LIVE_IN_LANGUAGE = CompiledQuery(CatalogIndexPage, _live_in_language, language="\x00language\x00")
