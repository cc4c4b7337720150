"""The data catalog (داده‌نما): the ministry's datasets, their variables, access
levels and files (seed 001 arts. 9 and 13). Metadata is public; the files of
licensed and enclave datasets are private and reach only granted researchers."""

import hashlib
import uuid

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.language import Bilingual
from core.storage import private_storage
from iran.periods import Period, PeriodError
from iran.text import normalize_text

from .enums import AccessLevel, Periodicity, Unit, VariableType
from .widgets import PrivateFileInput


def _period_validator(value):
    from django.core.exceptions import ValidationError

    try:
        Period.parse(value)
    except (PeriodError, ValueError) as exc:
        raise ValidationError(_("Write a Jalali period such as 1398, 1402-Q3 or 1403-07.")) from exc


class Topic(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    name = Bilingual("name")

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class Organisation(models.Model):
    """The producing organisation: the ministry or an affiliated organisation."""

    slug = models.SlugField(_("slug"), unique=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)

    name = Bilingual("name")

    class Meta:
        ordering = ["slug"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class DatasetQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def search(self, query):
        """Every word of the query must appear; ی/ي, ک/ك and digits compare equal."""
        for word in normalize_text(query).casefold().split()[:10]:
            self = self.filter(search_text__contains=word)
        return self


class Dataset(index.Indexed, ClusterableModel):
    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    title_fa = models.CharField(_("title (Persian)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255)
    description_fa = models.TextField(_("description (Persian)"))
    description_en = models.TextField(_("description (English)"), blank=True)
    keywords = models.CharField(
        _("keywords"), max_length=400, blank=True, help_text=_("Comma-separated, in Persian and English.")
    )
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="datasets")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("producing organisation"), on_delete=models.PROTECT, related_name="datasets"
    )
    source_system = models.CharField(
        _("source system"), max_length=200, blank=True, help_text=_("The operational system the data comes from.")
    )
    source_system_en = models.CharField(_("source system (English)"), max_length=200, blank=True)
    unit = models.CharField(_("unit of observation"), max_length=20, choices=Unit.choices)
    geographic_coverage_fa = models.CharField(_("geographic coverage (Persian)"), max_length=200, default="کل کشور")
    geographic_coverage_en = models.CharField(_("geographic coverage (English)"), max_length=200, default="Iran")
    geographic_level_fa = models.CharField(
        _("lowest geographic level (Persian)"), max_length=120, blank=True, help_text=_("e.g. province, county")
    )
    geographic_level_en = models.CharField(_("lowest geographic level (English)"), max_length=120, blank=True)
    time_coverage_start = models.CharField(
        _("time coverage from"), max_length=10, validators=[_period_validator], help_text=_("e.g. 1395 or 1398-01")
    )
    time_coverage_end = models.CharField(
        _("time coverage to"),
        max_length=10,
        blank=True,
        validators=[_period_validator],
        help_text=_("Leave empty while the series continues."),
    )
    periodicity = models.CharField(
        _("periodicity"), max_length=20, choices=Periodicity.choices, default=Periodicity.MONTHLY
    )
    update_cadence = models.CharField(
        _("update cadence"), max_length=20, choices=Periodicity.choices, default=Periodicity.MONTHLY
    )
    last_updated = models.DateField(_("last update"), default=timezone.localdate)
    access_level = models.CharField(_("access level"), max_length=20, choices=AccessLevel.choices)
    standards = models.CharField(
        _("standards used"), max_length=300, blank=True, help_text=_("e.g. ISIC Rev.4, ISCO-08, country divisions")
    )
    standards_en = models.CharField(_("standards used (English)"), max_length=300, blank=True)
    contact_name = models.CharField(_("contact"), max_length=200, blank=True)
    contact_name_en = models.CharField(_("contact (English)"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    licence_note_fa = models.TextField(_("conditions of use (Persian)"), blank=True)
    licence_note_en = models.TextField(_("conditions of use (English)"), blank=True)
    is_demo = models.BooleanField(_("demo entry"), default=False, help_text=_("Shown with a demo label."))
    published = models.BooleanField(_("published in the catalog"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    search_text = models.TextField(editable=False, blank=True)

    title = Bilingual("title")
    description = Bilingual("description")
    geographic_coverage = Bilingual("geographic_coverage")
    geographic_level = Bilingual("geographic_level")
    licence_note = Bilingual("licence_note")

    objects = DatasetQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("title_fa"),
                FieldPanel("title_en"),
                FieldPanel("slug"),
                FieldPanel("description_fa"),
                FieldPanel("description_en"),
                FieldPanel("keywords"),
            ],
            heading=_("Identification"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("topic"), FieldPanel("organisation")]),
                FieldRowPanel([FieldPanel("source_system"), FieldPanel("source_system_en")]),
                FieldPanel("unit"),
                FieldRowPanel([FieldPanel("geographic_coverage_fa"), FieldPanel("geographic_coverage_en")]),
                FieldRowPanel([FieldPanel("geographic_level_fa"), FieldPanel("geographic_level_en")]),
                FieldRowPanel([FieldPanel("time_coverage_start"), FieldPanel("time_coverage_end")]),
                FieldRowPanel([FieldPanel("periodicity"), FieldPanel("update_cadence")]),
                FieldPanel("last_updated"),
                FieldRowPanel([FieldPanel("standards"), FieldPanel("standards_en")]),
            ],
            heading=_("Coverage"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("access_level"),
                FieldPanel("licence_note_fa"),
                FieldPanel("licence_note_en"),
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_name_en"), FieldPanel("contact_email")]),
                FieldPanel("published"),
                FieldPanel("is_demo"),
            ],
            heading=_("Access"),
        ),
        InlinePanel("variables", heading=_("Variables"), label=_("variable")),
        InlinePanel("links", heading=_("Related indicators and publications"), label=_("link")),
    ]
    search_fields = [
        index.SearchField("title_fa"),
        index.SearchField("title_en"),
        index.SearchField("description_fa"),
        index.SearchField("description_en"),
        index.AutocompleteField("title_fa"),
        index.FilterField("published"),
    ]

    class Meta:
        ordering = ["-last_updated", "slug"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    def __str__(self):
        return self.title

    def build_search_text(self):
        parts = [
            self.title_fa,
            self.title_en,
            self.description_fa,
            self.description_en,
            self.keywords,
            self.source_system,
            self.standards,
            self.slug,
        ]
        if self.pk:
            for var in self.variables.all():
                parts += [var.name, var.label_fa, var.label_en]
        return normalize_text(" ".join(p for p in parts if p)).casefold()

    def save(self, *args, **kwargs):
        # Variables are saved after the dataset (ClusterableModel), so the search
        # text is computed once they are in the database.
        super().save(*args, **kwargs)
        text = self.build_search_text()
        if text != self.search_text:
            self.search_text = text
            Dataset.objects.filter(pk=self.pk).update(search_text=text)

    def get_absolute_url(self):
        return CatalogIndexPage.dataset_url(self)

    @property
    def time_coverage(self):
        start = Period.parse(self.time_coverage_start) if self.time_coverage_start else None
        end = Period.parse(self.time_coverage_end) if self.time_coverage_end else None
        return start, end

    @property
    def is_requestable(self):
        """Researchers apply for access to licensed datasets."""
        return self.access_level == AccessLevel.LICENSED

    @property
    def files_are_private(self):
        return AccessLevel.is_private(self.access_level)


class Variable(models.Model):
    dataset = ParentalKey(Dataset, on_delete=models.CASCADE, related_name="variables")
    name = models.CharField(
        _("name"),
        max_length=64,
        validators=[
            RegexValidator(r"^[A-Za-z][A-Za-z0-9_]*$", _("Letters, digits and _ only, starting with a letter."))
        ],
    )
    label_fa = models.CharField(_("label (Persian)"), max_length=255)
    label_en = models.CharField(_("label (English)"), max_length=255)
    var_type = models.CharField(_("type"), max_length=20, choices=VariableType.choices, default=VariableType.NUMERIC)
    code_list = models.CharField(
        _("code list"), max_length=200, blank=True, help_text=_("e.g. ISIC Rev.4, provinces, 1=male 2=female")
    )
    code_list_en = models.CharField(_("code list (English)"), max_length=200, blank=True)
    description_fa = models.TextField(_("description (Persian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    is_direct_identifier = models.BooleanField(
        _("direct identifier"),
        default=False,
        help_text=_("National ID, workshop code or similar: never released, replaced by a pseudonym."),
    )
    sort_order = models.PositiveSmallIntegerField(default=0)
    search_text = models.TextField(editable=False, blank=True)

    label = Bilingual("label")
    description = Bilingual("description")

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("var_type")]),
        FieldRowPanel([FieldPanel("label_fa"), FieldPanel("label_en")]),
        FieldRowPanel([FieldPanel("code_list"), FieldPanel("code_list_en")]),
        FieldPanel("description_fa"),
        FieldPanel("description_en"),
        FieldPanel("is_direct_identifier"),
    ]

    class Meta:
        ordering = ["dataset", "sort_order", "pk"]
        unique_together = [("dataset", "name")]
        verbose_name = _("variable")
        verbose_name_plural = _("variables")

    def __str__(self):
        return f"{self.name} — {self.label}"

    def save(self, *args, **kwargs):
        parts = [self.name, self.label_fa, self.label_en, self.description_fa, self.description_en, self.code_list]
        self.search_text = normalize_text(" ".join(p for p in parts if p)).casefold()
        super().save(*args, **kwargs)


class DatasetLink(models.Model):
    """A related indicator or publication. Those live in other apps; a link is
    either a Wagtail page of any type or a plain URL, so the catalog depends on
    no other app's models."""

    class Kind(models.TextChoices):
        INDICATOR = "indicator", _("indicator")
        PUBLICATION = "publication", _("publication")
        OTHER = "other", _("other")

    dataset = ParentalKey(Dataset, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INDICATOR)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    url = models.URLField(_("or a URL"), blank=True)
    label_fa = models.CharField(_("label (Persian)"), max_length=255, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    label = Bilingual("label")

    panels = [
        FieldPanel("kind"),
        FieldPanel("page"),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("label_fa"), FieldPanel("label_en")]),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("related link")

    def __str__(self):
        return self.label or self.url or str(self.page)

    def resolve(self, request=None):
        """(label, href) in the current language, or None when the target is not public."""
        from core.language import current_language

        if self.page_id:
            from wagtail.models import Locale

            page = self.page.get_translation_or_none(Locale.objects.filter(language_code=current_language()).first())
            page = page or self.page
            if not page.live:
                return None
            from releases.embargo import public_pages

            if not list(public_pages(type(page).objects.filter(pk=page.pk))):
                return None
            return (self.label or page.title, page.get_url(request))
        if self.url:
            return (self.label or self.url, self.url)
        return None


def _data_file_path(instance, filename):
    return f"microdata/{instance.dataset.slug}/{uuid.uuid4().hex}/{filename}"


class DataFile(models.Model):
    """A file of a dataset at an access level. Stored privately: even open files
    are served by a view, so every download is logged."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dataset = models.ForeignKey(Dataset, verbose_name=_("dataset"), on_delete=models.CASCADE, related_name="files")
    title_fa = models.CharField(_("title (Persian)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255)
    access_level = models.CharField(_("access level"), max_length=20, choices=AccessLevel.choices)
    period = models.CharField(_("period"), max_length=10, blank=True, validators=[_period_validator])
    file = models.FileField(_("file"), storage=private_storage, upload_to=_data_file_path, max_length=300)
    file_format = models.CharField(_("format"), max_length=20, blank=True, help_text=_("e.g. CSV, SAV, DTA"))
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    is_demo = models.BooleanField(_("synthetic demo file"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    title = Bilingual("title")

    panels = [
        FieldPanel("dataset"),
        FieldRowPanel([FieldPanel("title_fa"), FieldPanel("title_en")]),
        FieldRowPanel([FieldPanel("access_level"), FieldPanel("period"), FieldPanel("file_format")]),
        FieldPanel("file", widget=PrivateFileInput),
        FieldPanel("is_demo"),
    ]

    class Meta:
        ordering = ["dataset", "access_level", "title_fa"]
        verbose_name = _("data file")
        verbose_name_plural = _("data files")

    def __str__(self):
        return f"{self.dataset.slug}: {self.title}"

    def save(self, *args, **kwargs):
        if self.file and not self.sha256:
            digest = hashlib.sha256()
            self.file.open("rb")
            for chunk in self.file.chunks():
                digest.update(chunk)
            self.sha256 = digest.hexdigest()
            self.size = self.file.size
        if not self.file_format and self.file:
            self.file_format = self.file.name.rsplit(".", 1)[-1].upper()[:20]
        super().save(*args, **kwargs)

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def is_private(self):
        return AccessLevel.is_private(self.access_level)


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
        from core.language import current_language

        language = language or current_language()
        return cls.objects.live().filter(locale__language_code=language).first() or cls.objects.live().first()

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
        from .views import listing

        return listing(request, self)

    @path("variables/")
    def variables(self, request):
        from .views import variable_search

        return variable_search(request, self)

    @path("dcat/")
    def dcat_catalog(self, request):
        from .views import dcat_catalog

        return dcat_catalog(request, self)

    @path("<slug:slug>/")
    def dataset(self, request, slug):
        from .views import dataset_detail

        return dataset_detail(request, self, slug)

    @path("<slug:slug>/dcat/")
    def dataset_jsonld(self, request, slug):
        from .views import dataset_jsonld

        return dataset_jsonld(request, self, slug)
