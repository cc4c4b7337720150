from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.enums import AccessLevel
from catalog.models import DataFile, Dataset, Variable
from catalog.widgets import PrivateFileInput
from core.forms import LocalDigitsErrors
from iran.periods import Period, PeriodError
from iran.templatetags.iran import local_digits
from iran.validators import clean_digits, validate_national_id
from iran.widgets import JalaliDateField

from .enums import AffiliationType, Degree
from .models import Application, Researcher, TeamMember
from .validators import normalise_mobile, validate_iran_mobile, validate_orcid, validate_pdf

User = get_user_model()


class RegistrationForm(LocalDigitsErrors, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    national_id = forms.CharField(
        label=_("National ID"), max_length=14, help_text=_("Ten digits; Persian or Latin digits are both fine.")
    )
    email = forms.EmailField(label=_("Email"), help_text=_("We will send a link to confirm it."))
    mobile = forms.CharField(label=_("Mobile"), max_length=16, help_text=_("e.g. 09121234567"))
    affiliation = forms.CharField(label=_("Affiliation"), max_length=200, help_text=_("University or organisation"))
    affiliation_type = forms.ChoiceField(label=_("Type of affiliation"), choices=AffiliationType.choices)
    degree = forms.ChoiceField(label=_("Highest degree"), choices=Degree.choices)
    field = forms.CharField(label=_("Field of study"), max_length=200)
    orcid = forms.CharField(
        label=_("ORCID iD (optional)"), max_length=19, required=False, help_text=_("e.g. 0000-0002-1825-0097")
    )
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    newsletter = forms.BooleanField(label=_("Send me the club's newsletter"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = password_validation.password_validators_help_text_html()
        self.existing_users = []  # accounts that already hold this national ID or email
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["email"].widget.attrs["dir"] = "ltr"
        for name in ("national_id", "mobile", "orcid"):
            self.fields[name].widget.attrs.update({"dir": "ltr", "inputmode": "numeric" if name != "orcid" else "text"})

    def clean_national_id(self):
        value = clean_digits(self.cleaned_data["national_id"])
        validate_national_id(value)
        # Never said on the page (that would tell anyone whose national ID has an
        # account); the view tells the owner by email instead.
        owner = Researcher.objects.filter(national_id=value).select_related("user").first()
        if owner:
            self.existing_users.append(owner.user)
        return value

    def clean_email(self):
        value = self.cleaned_data["email"].strip().lower()
        owner = User.objects.filter(email__iexact=value).first() or User.objects.filter(username__iexact=value).first()
        if owner:
            self.existing_users.append(owner)
        return value

    def clean_mobile(self):
        value = normalise_mobile(self.cleaned_data["mobile"])
        validate_iran_mobile(value)
        return value

    def clean_orcid(self):
        value = (self.cleaned_data.get("orcid") or "").strip().upper()
        validate_orcid(value)
        return value

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            probe = User(
                username=data.get("email", ""),
                email=data.get("email", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(p1, probe)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data

    @property
    def duplicate(self):
        return bool(self.existing_users)

    def save(self):
        data = self.cleaned_data
        user = User(
            username=data["email"], email=data["email"], first_name=data["first_name"], last_name=data["last_name"]
        )
        user.set_password(data["password1"])
        user.save()
        return Researcher.objects.create(
            user=user,
            national_id=data["national_id"],
            mobile=data["mobile"],
            affiliation=data["affiliation"],
            affiliation_type=data["affiliation_type"],
            degree=data["degree"],
            field=data["field"],
            orcid=data["orcid"],
            newsletter=data["newsletter"],
        )


class ProfileForm(LocalDigitsErrors, forms.ModelForm):
    """What a member may change; the national ID and email are fixed (ask staff)."""

    class Meta:
        model = Researcher
        fields = ["mobile", "affiliation", "affiliation_type", "degree", "field", "orcid", "newsletter"]

    def clean_mobile(self):
        return normalise_mobile(self.cleaned_data["mobile"])

    def clean_orcid(self):
        return (self.cleaned_data.get("orcid") or "").strip().upper()


class LoginForm(LocalDigitsErrors, AuthenticationForm):
    username = forms.CharField(label=_("Email"), widget=forms.TextInput(attrs={"autofocus": True, "dir": "ltr"}))

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


def _period(value, label):
    try:
        return Period.parse(value)
    except (PeriodError, ValueError) as exc:
        raise ValidationError(
            _("%(label)s: write a Jalali period such as 1398, 1402-Q3 or 1403-07."), params={"label": label}
        ) from exc


class ApplicationForm(LocalDigitsErrors, forms.ModelForm):
    datasets = forms.ModelMultipleChoiceField(
        label=_("Datasets"),
        queryset=Dataset.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Licensed datasets of the catalog."),
    )
    variables = forms.ModelMultipleChoiceField(
        label=_("Variables needed"),
        queryset=Variable.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ask only for what the research needs. Direct identifiers are never released."),
    )
    proposal = forms.FileField(
        label=_("Research proposal (PDF)"),
        required=False,
        widget=PrivateFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    accept_terms = forms.BooleanField(
        label=_(
            "I accept the terms: we will not try to identify any person, business or place; we will destroy "
            "the data at the end of the project; we will cite the source; and we will deposit our outputs with "
            "the ministry."
        ),
        required=False,
    )

    class Meta:
        model = Application
        fields = [
            "title",
            "purpose",
            "outputs",
            "datasets",
            "variables",
            "period_from",
            "period_to",
            "merge_with_other_data",
            "merge_description",
            "proposal",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 5}),
            "outputs": forms.Textarea(attrs={"rows": 3}),
            "merge_description": forms.Textarea(attrs={"rows": 2}),
            "period_from": forms.TextInput(attrs={"dir": "ltr"}),
            "period_to": forms.TextInput(attrs={"dir": "ltr"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        licensed = Dataset.objects.published().filter(access_level=AccessLevel.LICENSED).order_by("title_fa")
        self.fields["datasets"].queryset = licensed
        self.fields["variables"].queryset = (
            Variable.objects.filter(dataset__in=licensed, is_direct_identifier=False)
            .select_related("dataset")
            .order_by("dataset__title_fa", "sort_order", "pk")
        )
        self.fields["variables"].label_from_instance = lambda v: f"{v.dataset.title} — {v.name}: {v.label}"
        self.fields["accept_terms"].initial = bool(self.instance and self.instance.terms_accepted_at)
        # Examples in the page's digits (both kinds are accepted): «۱۳۹۸», «۱۴۰۲-۱۲».
        self.fields["period_from"].widget.attrs["placeholder"] = local_digits("1398")
        self.fields["period_to"].widget.attrs["placeholder"] = local_digits("1402-12")
        self.bad_upload = None

    def clean_proposal(self):
        upload = self.cleaned_data.get("proposal")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            try:
                validate_pdf(upload)
            except ValidationError as exc:
                self.bad_upload = f"{exc.code}: {upload.name[:100]} ({upload.size} bytes)"
                raise
        return upload

    def clean(self):
        data = super().clean()
        start = end = None
        if data.get("period_from"):
            try:
                start = _period(data["period_from"], _("From period"))
            except ValidationError as exc:
                self.add_error("period_from", exc)
        if data.get("period_to"):
            try:
                end = _period(data["period_to"], _("To period"))
            except ValidationError as exc:
                self.add_error("period_to", exc)
        if start and end and end.first_day < start.first_day:
            self.add_error("period_to", _("The end of the period comes before its start."))
        datasets = data.get("datasets") or []
        for var in data.get("variables") or []:
            if var.dataset not in datasets:
                self.add_error(
                    "variables",
                    _("The variable %(var)s belongs to a dataset you have not chosen.") % {"var": var.name},
                )
                break
        if data.get("merge_with_other_data") and not data.get("merge_description"):
            self.add_error("merge_description", _("Say which data it will be merged with, and how."))
        return data

    def save(self, commit=True):
        application = super().save(commit=False)
        if self.cleaned_data.get("accept_terms"):
            application.terms_accepted_at = application.terms_accepted_at or timezone.now()
        else:
            application.terms_accepted_at = None
        if commit:
            application.save()
            self.save_m2m()
        return application


class TeamMemberForm(LocalDigitsErrors, forms.ModelForm):
    class Meta:
        model = TeamMember
        fields = ["name", "national_id", "role", "affiliation"]
        widgets = {"national_id": forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric"})}

    def clean_national_id(self):
        value = clean_digits(self.cleaned_data["national_id"])
        validate_national_id(value)
        return value


TeamFormSet = forms.inlineformset_factory(
    Application, TeamMember, form=TeamMemberForm, extra=2, max_num=10, can_delete=True
)


class ReviewActionForm(LocalDigitsErrors, forms.Form):
    ACTIONS = [
        ("comment", _("Comment")),
        ("more_info", _("Ask for more information")),
        ("approve", _("Approve")),
        ("reject", _("Reject")),
    ]
    action = forms.ChoiceField(choices=ACTIONS, widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Message to the applicant"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    internal = forms.BooleanField(label=_("Committee only (not sent to the applicant)"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") in ("comment", "more_info", "reject") and not data.get("message"):
            self.add_error("message", _("Write the message (for a rejection: the reason)."))
        return data


class GrantFileForm(LocalDigitsErrors, forms.Form):
    data_file = forms.ModelChoiceField(queryset=DataFile.objects.none(), widget=forms.HiddenInput)
    grant = forms.BooleanField(required=False, label=_("Grant"))
    expires_on = JalaliDateField(label=_("Expires on"))
    download_limit = forms.IntegerField(label=_("Download limit"), min_value=1, max_value=100, initial=3)

    def __init__(self, *args, files_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if files_qs is not None:
            self.fields["data_file"].queryset = files_qs

    def clean_expires_on(self):
        value = self.cleaned_data["expires_on"]
        if value <= timezone.localdate():
            raise ValidationError(_("The expiry date must be in the future."))
        return value


GrantFormSet = formset_factory(GrantFileForm, extra=0)
