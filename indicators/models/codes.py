"""Code lists (classifications) and their codes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.language import pick as _lang_pick


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
