from django import forms
from django.utils.translation import gettext_lazy as _

from releases.models import ReleasePage

from .importer import max_bytes
from .models import Indicator


class ImportForm(forms.Form):
    indicator = forms.ModelChoiceField(Indicator.objects.all(), label=_("Indicator"))
    release = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Release calendar entry"),
        help_text=_("The figures become public at this entry's minute. Empty: public at once."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (UTF-8 or Windows-1256) or XLSX, one row per observation: period, one column per dimension, "
            "value, and optionally count and flag."
        ),
    )
    sheet = forms.CharField(label=_("Sheet"), required=False, help_text=_("Only for a workbook with several sheets."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["release"].queryset = ReleasePage.objects.exclude(status="cancelled").order_by("-release_at")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise forms.ValidationError(
                _("The file is larger than the %(limit)s MB allowed. Split it by period and import each part.")
                % {"limit": max_bytes() // 2**20}
            )
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx", ".xlsm")):
            raise forms.ValidationError(_("Choose a CSV or XLSX file."))
        return upload
