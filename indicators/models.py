"""Code lists, indicators with their identity cards, observations and imports.

Observations are stored narrow and fast to write in bulk: the Jalali period as
its canonical code plus two sortable month indexes (for range filters across
periodicities), and one code string per dimension (`d1`…`d5`, in the order of
the indicator's dimensions; "" when the indicator has fewer dimensions).
Codes are validated against their code lists at import time."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from core.taxonomy import ReleaseKind, Topic, codes_from_db, period_length_choices
from iran.periods import Period, Periodicity

from .enums import FLAGS, ImportStatus

MAX_DIMENSIONS = 5
DIMENSION_FIELDS = [f"d{i}" for i in range(1, MAX_DIMENSIONS + 1)]


def _lang_pick(obj, base: str, lang: str) -> str:
    value = getattr(obj, f"{base}_{'en' if lang == 'en' else 'fa'}", "") or ""
    return value or getattr(obj, f"{base}_fa", "") or ""


def private_storage():
    return FileSystemStorage(location=settings.PRIVATE_ROOT / "imports")


# --- code lists -----------------------------------------------------------
class CodeList(models.Model):
    """A classification: provinces, ISIC Rev.4, ISCO-08, education, sex, …"""

    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("e.g. province, isic, sex"))
    name_fa = models.CharField(_("name (Persian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    standard = models.CharField(_("standard"), max_length=200, blank=True, help_text=_("e.g. ISIC Rev.4"))
    total_code = models.CharField(
        _("total code"),
        max_length=40,
        blank=True,
        help_text=_("The code of the total (e.g. 00 for the whole country); imports check that it equals the sum."),
    )
    header_aliases = models.CharField(
        _("column headers"),
        max_length=400,
        blank=True,
        help_text=_("Other column headers that mean this code list, separated by |, e.g. استان|ostan"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("code list")
        verbose_name_plural = _("code lists")

    def __str__(self):
        return f"{self.name_fa} ({self.code})"

    def name(self, lang: str = "fa") -> str:
        return _lang_pick(self, "name", lang)


class Code(models.Model):
    code_list = models.ForeignKey(CodeList, on_delete=models.CASCADE, related_name="codes", verbose_name=_("code list"))
    code = models.CharField(_("code"), max_length=40)
    label_fa = models.CharField(_("label (Persian)"), max_length=300)
    label_en = models.CharField(_("label (English)"), max_length=300, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children", verbose_name=_("parent")
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    sort_order = models.IntegerField(_("order"), default=0)

    class Meta:
        ordering = ["code_list", "sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["code_list", "code"], name="indicators_code_unique")]
        verbose_name = _("code")
        verbose_name_plural = _("codes")

    def __str__(self):
        return f"{self.code} {self.label_fa}"

    def label(self, lang: str = "fa") -> str:
        return _lang_pick(self, "label", lang)


# --- indicators -------------------------------------------------------------
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


# --- imports and observations ------------------------------------------------
class ImportBatch(models.Model):
    """One upload of a warehouse table: its file, its report and what it changed."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="imports")
    release = models.ForeignKey(
        "releases.ReleasePage", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to="%Y/%m", blank=True, max_length=300)
    original_name = models.CharField(_("file name"), max_length=300, blank=True)
    size = models.BigIntegerField(_("size"), default=0)
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    language = models.CharField(max_length=8, default="fa")
    status = models.CharField(_("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    dry_run = models.BooleanField(_("dry run"), default=False)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    rows_total = models.PositiveIntegerField(default=0)
    rows_created = models.PositiveIntegerField(default=0)
    rows_revised = models.PositiveIntegerField(default=0)
    rows_unchanged = models.PositiveIntegerField(default=0)
    rows_deleted = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    periods = models.JSONField(default=list, blank=True)
    columns = models.JSONField(default=list, blank=True)
    preview = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Who runs it ("host:pid") and when it last reported: a batch whose process died is marked failed.
    worker = models.CharField(max_length=120, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.indicator.code} · {self.original_name} · {self.get_status_display()}"


class Observation(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    period = models.CharField(_("period"), max_length=8, help_text=_("1403, 1403-Q2 or 1403-07"))
    # Months since year 0 of the period's first and last month: range filters across periodicities.
    period_start = models.IntegerField()
    period_end = models.IntegerField()
    d1 = models.CharField(max_length=40, blank=True, default="")
    d2 = models.CharField(max_length=40, blank=True, default="")
    d3 = models.CharField(max_length=40, blank=True, default="")
    d4 = models.CharField(max_length=40, blank=True, default="")
    d5 = models.CharField(max_length=40, blank=True, default="")
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6, null=True, blank=True)
    count = models.IntegerField(_("units counted"), null=True, blank=True)
    flags = models.CharField(_("flags"), max_length=100, blank=True, default="", help_text=_("comma-separated"))
    release = models.ForeignKey(
        "releases.ReleasePage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("release"),
    )
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "d1", "d2", "d3", "d4", "d5"], name="indicators_observation_key"
            )
        ]
        indexes = [models.Index(fields=["indicator", "period_start"], name="indicators_obs_period")]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self):
        return f"{self.indicator_id} {self.period} {self.dims} = {self.value}"

    @property
    def dims(self) -> tuple[str, ...]:
        return tuple(getattr(self, f) for f in DIMENSION_FIELDS)

    @property
    def period_obj(self) -> Period:
        return Period.parse(self.period)

    @property
    def flag_set(self) -> frozenset[str]:
        return frozenset(f for f in self.flags.split(",") if f)


def period_bounds(period: Period) -> tuple[int, int]:
    return period.year * 12 + period.first_month - 1, period.year * 12 + period.last_month - 1


# --- pages -----------------------------------------------------------------------
class IndicatorIndexPage(RoutablePageMixin, Page):
    """/fa/indicators/: the list of indicators; serves /fa/indicators/<code>/ and its downloads."""

    intro = models.CharField(_("introduction"), max_length=400, blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count_per_parent = 1
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("indicators index")

    def get_template(self, request, *args, **kwargs):
        return "indicators/indicator_index_page.html"

    @path("")
    def index(self, request):
        from . import views

        return views.indicator_index(request, self)

    @path("<slug:code>/")
    def indicator(self, request, code):
        from . import views

        return views.indicator_detail(request, self, code)

    @path("<slug:code>/download/<str:fmt>/")
    def download(self, request, code, fmt):
        from . import views

        return views.indicator_download(request, self, code, fmt)


class DashboardPage(Page):
    """/fa/dashboard/: key indicators against their norms."""

    intro = models.CharField(_("introduction"), max_length=400, blank=True)
    content_panels = Page.content_panels + [MultiFieldPanel([FieldPanel("intro")], heading=_("introduction"))]
    max_count_per_parent = 1
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("dashboard")

    def get_context(self, request, *args, **kwargs):
        from . import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.dashboard_context(request))
        return context

    def get_template(self, request, *args, **kwargs):
        return "indicators/dashboard_page.html"


__all__ = [
    "FLAGS",
    "Code",
    "CodeList",
    "DashboardPage",
    "ImportBatch",
    "Indicator",
    "IndicatorDimension",
    "IndicatorIndexPage",
    "Observation",
    "period_bounds",
]
