"""Indicators with their identity cards (شناسنامه نماگر) and their dimensions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from core.language import pick as _lang_pick
from core.taxonomy import ReleaseKind, Topic, codes_from_db, period_length_choices
from iran.periods import Periodicity

from .codes import Code, CodeList


class Indicator(index.Indexed, models.Model):
    """An indicator and its identity card (شناسنامه نماگر)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    definition_fa = models.TextField(_("definition (Persian)"), blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    method_fa = models.TextField(_("method of calculation (Persian)"), blank=True)
    method_en = models.TextField(_("method of calculation (English)"), blank=True)
    unit_fa = models.CharField(_("unit (Persian)"), max_length=100, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=100, blank=True)
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=0)
    periodicity = models.PositiveSmallIntegerField(
        _("periodicity"), choices=period_length_choices(), default=Periodicity.MONTH
    )
    source_system = models.CharField(_("source system"), max_length=200, blank=True)
    source_system_en = models.CharField(_("source system (English)"), max_length=200, blank=True)
    producer = models.ForeignKey(
        Code,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"code_list__code": "organisation"},
        verbose_name=_("producing unit"),
    )
    contact_name = models.CharField(_("responsible contact"), max_length=200, blank=True)
    contact_name_en = models.CharField(_("responsible contact (English)"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    standards_fa = models.TextField(_("standards and international comparability (Persian)"), blank=True)
    standards_en = models.TextField(_("standards and international comparability (English)"), blank=True)
    norm_lower = models.DecimalField(_("norm: lower bound"), max_digits=20, decimal_places=6, null=True, blank=True)
    norm_upper = models.DecimalField(_("norm: upper bound"), max_digits=20, decimal_places=6, null=True, blank=True)
    higher_is_better = models.BooleanField(
        _("higher is better"), null=True, blank=True, help_text=_("Leave empty when neither direction is better.")
    )
    # Topic codes of core.taxonomy, stored «,a,b,» (one `contains` lookup finds them).
    topics = models.CharField(_("topics"), max_length=400, blank=True)
    release_series = models.CharField(_("release series"), max_length=40, choices=ReleaseKind.choices, blank=True)
    notes_fa = models.TextField(_("notes (Persian)"), blank=True)
    notes_en = models.TextField(_("notes (English)"), blank=True)
    suppression_threshold = models.PositiveIntegerField(
        _("disclosure threshold"),
        null=True,
        blank=True,
        help_text=_("Cells built from fewer units are suppressed. Empty: the site default."),
    )
    is_additive = models.BooleanField(
        _("additive"),
        default=True,
        help_text=_("Parts add up to their total (counts, amounts); not for rates and averages."),
    )
    is_key = models.BooleanField(_("on the dashboard"), default=True)
    is_headline = models.BooleanField(_("on the home page"), default=False)
    is_demo = models.BooleanField(_("demo figures"), default=False)
    sort_order = models.IntegerField(_("order"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Site search (sitesearch/): the name and the identity card, both languages.
    search_fields = [
        index.SearchField("name_fa", boost=3),
        index.SearchField("name_en", boost=3),
        index.SearchField("code"),
        index.SearchField("definition_fa"),
        index.SearchField("definition_en"),
        index.SearchField("method_fa"),
        index.SearchField("method_en"),
        index.SearchField("standards_fa"),
        index.SearchField("standards_en"),
        index.AutocompleteField("name_fa"),
        index.AutocompleteField("name_en"),
    ]

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return f"{self.name_fa} ({self.code})"

    def get_absolute_url(self, lang: str = "fa") -> str:
        return f"/{lang}/indicators/{self.code}/"

    def name(self, lang: str = "fa") -> str:
        return _lang_pick(self, "name", lang)

    def unit(self, lang: str = "fa") -> str:
        return _lang_pick(self, "unit", lang)

    def definition(self, lang: str = "fa") -> str:
        return _lang_pick(self, "definition", lang)

    def method(self, lang: str = "fa") -> str:
        return _lang_pick(self, "method", lang)

    def standards(self, lang: str = "fa") -> str:
        return _lang_pick(self, "standards", lang)

    def notes(self, lang: str = "fa") -> str:
        return _lang_pick(self, "notes", lang)

    @property
    def topic_list(self) -> list[str]:
        return codes_from_db(self.topics)

    @property
    def topic_items(self) -> list[tuple[str, str]]:
        """(code, label) of the indicator's topics, in the current language."""
        return [(code, Topic(code).label) for code in self.topic_list if code in Topic.values]

    @property
    def periodicity_enum(self) -> Periodicity:
        return Periodicity(self.periodicity)

    @property
    def threshold(self) -> int:
        if self.suppression_threshold is not None:
            return self.suppression_threshold
        return getattr(settings, "INDICATORS_DISCLOSURE_THRESHOLD", 3)

    @cached_property
    def dimension_lists(self) -> list[CodeList]:
        """The code lists of the dimensions, in order."""
        return [d.code_list for d in self.dimensions.select_related("code_list").order_by("position")]

    @property
    def dimension_codes(self) -> list[str]:
        return [cl.code for cl in self.dimension_lists]


class IndicatorDimension(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="dimensions")
    code_list = models.ForeignKey(CodeList, on_delete=models.PROTECT, related_name="+", verbose_name=_("code list"))
    position = models.PositiveSmallIntegerField(_("position"), default=1)

    class Meta:
        ordering = ["indicator", "position"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "code_list"], name="indicators_dimension_unique"),
            models.UniqueConstraint(fields=["indicator", "position"], name="indicators_dimension_position"),
        ]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")

    def __str__(self):
        return f"{self.indicator.code}:{self.position}:{self.code_list.code}"
