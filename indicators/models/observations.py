"""Observations and the imports that write them.

Observations are stored narrow and fast to write in bulk: the Jalali period as
its canonical code plus two sortable month indexes (for range filters across
periodicities), and one code string per dimension (`d1`…`d5`, in the order of
the indicator's dimensions; "" when the indicator has fewer dimensions)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.storage import import_storage
from iran.periods import Period

from ..enums import ImportStatus
from .indicators import Indicator

MAX_DIMENSIONS = 5
DIMENSION_FIELDS = [f"d{i}" for i in range(1, MAX_DIMENSIONS + 1)]


# --- imports and observations ------------------------------------------------
class ImportBatch(models.Model):
    """One upload of a warehouse table: its file, its report and what it changed."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="imports")
    release = models.ForeignKey(
        "releases.ReleasePage", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("file"), storage=import_storage, upload_to="%Y/%m", blank=True, max_length=300)
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
