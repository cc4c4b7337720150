"""Bulletins, reports and special issues, and infographics."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.taxonomy import Periodicity, periodicity_choices
from iran.periods import Period, PeriodError

from ..enums import PublicationKind, ReportKind
from ..streams import HeadlineStreamBlock
from .base import PublicationPage


class BulletinPage(PublicationPage):
    """A monthly or quarterly bulletin: headline figures, main points, analysis."""

    frequency = models.CharField(
        _("frequency"),
        max_length=16,
        choices=periodicity_choices(Periodicity.MONTHLY, Periodicity.QUARTERLY),
        default=Periodicity.MONTHLY,
    )
    reference_period = models.CharField(
        _("reference period"), max_length=10, help_text=_("Jalali: 1403-07 (monthly) or 1403-Q2 (quarterly)")
    )
    headline_figures = StreamField(HeadlineStreamBlock(), blank=True, verbose_name=_("headline figures"))
    main_points = RichTextField(_("main points"), blank=True, features=["ul", "bold", "italic", "link"])

    stream_field_names = ("headline_figures", "body")
    override_translatable_fields = [SynchronizedField("reference_period")]
    content_panels = (
        Page.content_panels
        + PublicationPage.publication_panels
        + [
            MultiFieldPanel([FieldPanel("frequency"), FieldPanel("reference_period")], heading=_("Period")),
            FieldPanel("headline_figures"),
            FieldPanel("main_points"),
            FieldPanel("body", heading=_("Analysis, charts and tables")),
        ]
    )

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")

    def compute_kind(self):
        return (
            PublicationKind.QUARTERLY_BULLETIN
            if self.frequency == Periodicity.QUARTERLY
            else PublicationKind.MONTHLY_BULLETIN
        )

    def clean(self):
        super().clean()
        try:
            period = Period.parse(self.reference_period)
        except PeriodError as exc:
            raise ValidationError({"reference_period": str(exc)}) from exc
        expected = 12 if self.frequency == Periodicity.MONTHLY else 4
        if int(period.periodicity) != expected:
            raise ValidationError(
                {
                    "reference_period": _(
                        "A monthly bulletin refers to a month (1403-07), a quarterly one to a quarter (1403-Q2)."
                    )
                }
            )
        self.reference_period = period.code
        if not self.year:
            self.year = period.year

    @property
    def period(self):
        try:
            return Period.parse(self.reference_period)
        except PeriodError:
            return None


class ReportPage(PublicationPage):
    """An analytical report or a special issue: sections, charts, tables,
    footnotes and downloads."""

    report_kind = models.CharField(
        _("kind of report"), max_length=32, choices=ReportKind.choices, default=ReportKind.ANALYTICAL_REPORT
    )

    content_panels = (
        Page.content_panels + PublicationPage.publication_panels + [FieldPanel("report_kind"), FieldPanel("body")]
    )

    class Meta:
        verbose_name = _("report or special issue")
        verbose_name_plural = _("reports and special issues")

    def compute_kind(self):
        return self.report_kind

    def contents(self):
        return [(child.id, str(child.value)) for child in self.body if child.block_type == "heading"]


class InfographicPage(PublicationPage):
    """An infographic: the image, its full text alternative, and the data behind it."""

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    text_alternative = RichTextField(
        _("full text alternative"),
        features=["h3", "bold", "ul", "ol", "link"],
        help_text=_("Everything the infographic says, in words, for readers who cannot see it."),
    )

    default_kind = PublicationKind.INFOGRAPHIC
    content_panels = (
        Page.content_panels
        + PublicationPage.publication_panels
        + [FieldPanel("image"), FieldPanel("text_alternative"), FieldPanel("body", heading=_("The data behind it"))]
    )
    search_fields = PublicationPage.search_fields + [index.SearchField("text_alternative")]

    class Meta:
        verbose_name = _("infographic")
        verbose_name_plural = _("infographics")

    def clean(self):
        super().clean()
        if not self.image_id:
            raise ValidationError({"image": _("An infographic needs its image.")})
