"""Admin views: generate provincial / organisation yearbooks from a national
one, and add a correction or notice to a publication."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from core.taxonomy import Organisation

from . import generation
from .enums import CorrectionKind
from .models import Correction, PublicationPage, YearbookChapterPage


def _page_for(request, page_id, perm="edit"):
    page = get_object_or_404(Page, pk=page_id).specific
    perms = page.permissions_for_user(request.user)
    allowed = perms.can_add_subpage() if perm == "add_sibling" else perms.can_edit()
    if perm == "add_sibling":
        parent = page.get_parent()
        allowed = parent.permissions_for_user(request.user).can_add_subpage()
    if not allowed:
        raise PermissionDenied
    return page


class GenerateForm(forms.Form):
    target = forms.ChoiceField(
        label=gettext_lazy("Generate"),
        choices=[
            ("provinces", gettext_lazy("The 31 provincial yearbooks")),
            ("organisation", gettext_lazy("An organisation's yearbook")),
        ],
        widget=forms.RadioSelect,
        initial="provinces",
    )
    organisation = forms.ChoiceField(
        label=gettext_lazy("Organisation"), choices=[("", "—")] + list(Organisation.choices), required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target") == "organisation" and not cleaned.get("organisation"):
            self.add_error("organisation", _("Choose an organisation."))
        return cleaned


def generate_yearbooks(request, page_id):
    page = _page_for(request, page_id, perm="add_sibling")
    try:
        generation.check_national(page)
    except generation.GenerationError as exc:
        messages.error(request, str(exc))
        return redirect("wagtailadmin_pages:edit", page.pk)
    form = GenerateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["target"] == "provinces":
                result = generation.generate_provincial_yearbooks(page, user=request.user)
                messages.success(
                    request,
                    _(
                        "%(created)d provincial yearbooks created as drafts; "
                        "%(existing)d already existed and were left as they are."
                    )
                    % {"created": len(result.created), "existing": len(result.existing)},
                )
            else:
                copy, created = generation.generate_organisation_yearbook(
                    page, form.cleaned_data["organisation"], user=request.user
                )
                messages.success(
                    request,
                    (
                        _("«%(title)s» created as a draft.")
                        if created
                        else _("«%(title)s» already exists; left as it is.")
                    )
                    % {"title": copy.title},
                )
        except generation.GenerationError as exc:
            messages.error(request, str(exc))
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(
        request,
        "publications/admin/generate.html",
        {
            "page": page,
            "form": form,
            "page_title": _("Generate yearbooks"),
            "page_subtitle": page.title,
            "header_icon": "copy",
        },
    )


class CorrectionForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=CorrectionKind.choices,
        widget=forms.RadioSelect,
        initial=CorrectionKind.CORRECTION,
    )
    text = forms.CharField(
        label=gettext_lazy("Text"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Public, dated and permanent: what was wrong and what was changed, or the notice."),
    )


def add_correction(request, page_id):
    page = _page_for(request, page_id)
    if not isinstance(page, PublicationPage | YearbookChapterPage):
        raise PermissionDenied
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not page.live:
            messages.error(request, _("Publish the corrected page first; a correction is added to a live publication."))
        else:
            Correction.record(page, text=form.cleaned_data["text"], kind=form.cleaned_data["kind"], user=request.user)
            messages.success(request, _("The correction or notice is published on the page."))
            return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "publications/admin/add_correction.html",
        {
            "page": page,
            "form": form,
            "corrections": Correction.objects.filter(page=page),
            "page_title": _("Add a correction or notice"),
            "page_subtitle": page.title,
            "header_icon": "warning",
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
    )
