"""A dataset of the catalog: its description, coverage, access level and topic."""

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.search import index

from core.language import Bilingual
from core.taxonomy import Organisation, Periodicity, Topic
from iran.periods import Period
from iran.text import normalize_text

from ..enums import AccessLevel, Unit
from ..validators import validate_period


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
    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices)
    organisation = models.CharField(_("producing organisation"), max_length=32, choices=Organisation.choices)
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
        _("time coverage from"), max_length=10, validators=[validate_period], help_text=_("e.g. 1395 or 1398-01")
    )
    time_coverage_end = models.CharField(
        _("time coverage to"),
        max_length=10,
        blank=True,
        validators=[validate_period],
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
        # The address is a route of the catalog page, whose module imports the
        # views, which import this one: the page class is found through the app
        # registry, as a ForeignKey("catalog.…") finds its model.
        return apps.get_model("catalog", "CatalogIndexPage").dataset_url(self)

    def _get_FIELD_display(self, field):
        """Django's get_FOO_display, without its dict of the whole choice list: that
        hashes every label, and a lazy label is translated to be hashed (one
        translation a choice, five fields a dataset, on each row of the catalog and
        of its JSON-LD). Only the matching label is translated here."""
        value = getattr(self, field.attname)
        label = next((label for code, label in field.flatchoices if code == value), value)
        return force_str(label, strings_only=True)

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
