"""A dataset's variables and its links to related indicators and publications."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from core.language import Bilingual
from iran.text import normalize_text

from ..enums import VariableType
from .datasets import Dataset


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
