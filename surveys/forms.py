"""The public survey form, built from the survey's question rows, and the
«Was this page useful?» form."""

import secrets

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.forms import LocalDigitsErrors

from .enums import NOT_USED, SCALE, Profile, QuestionKind
from .responses import Answer, Response

TEXT_MAX = 2000
COMMENT_MAX = 1000
HONEYPOT = "website"


def field_name(question, index=None):
    return f"q{question.pk}" if index is None else f"q{question.pk}_{index}"


class SurveyForm(LocalDigitsErrors, forms.Form):
    """One field a question (one a product for product ratings), the optional
    respondent profile and a honeypot field that people never see."""

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        scale = [(str(value), label) for value, label in SCALE]
        for question in questions:
            required = question.required
            options = [(str(i), label) for i, label in enumerate(question.option_list)]
            if question.kind == QuestionKind.LIKERT:
                self.fields[field_name(question)] = forms.ChoiceField(
                    choices=scale, required=required, widget=forms.RadioSelect
                )
            elif question.kind == QuestionKind.SINGLE:
                self.fields[field_name(question)] = forms.ChoiceField(
                    choices=options, required=required, widget=forms.RadioSelect
                )
            elif question.kind == QuestionKind.MULTIPLE:
                self.fields[field_name(question)] = forms.MultipleChoiceField(
                    choices=options, required=required, widget=forms.CheckboxSelectMultiple
                )
            elif question.kind == QuestionKind.TEXT:
                self.fields[field_name(question)] = forms.CharField(
                    required=required,
                    max_length=TEXT_MAX,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )
            elif question.kind == QuestionKind.PRODUCTS:
                for index, _product in enumerate(question.option_list):
                    self.fields[field_name(question, index)] = forms.ChoiceField(
                        choices=scale + [(NOT_USED, _("I have not used it"))],
                        required=required,
                        widget=forms.RadioSelect,
                    )
        for name, field in self.fields.items():
            field.error_messages["required"] = _("Please answer this question.")
            field.error_messages["invalid_choice"] = _("Please choose one of the options.")
            if name.startswith("q") and "_" in name:
                field.error_messages["required"] = _("Please rate this product, or choose «I have not used it».")
        self.fields["profile"] = forms.ChoiceField(
            choices=[("", _("Prefer not to say"))] + list(Profile.choices),
            required=False,
            widget=forms.RadioSelect,
            label=_("Which of these best describes you?"),
        )
        self.fields[HONEYPOT] = forms.CharField(required=False, label=_("Leave this field empty"))

    @property
    def is_bot(self):
        return bool(self.data.get(HONEYPOT, "").strip())

    def blocks(self):
        """What the template needs, in question order: each question with its
        bound fields (one, or one a product) and its errors."""
        blocks = []
        for number, question in enumerate(self.questions, start=1):
            if question.kind == QuestionKind.PRODUCTS:
                rows = [
                    {"label": product, "field": self[field_name(question, i)]}
                    for i, product in enumerate(question.option_list)
                ]
                fields = [row["field"] for row in rows]
            else:
                rows = []
                fields = [self[field_name(question)]]
            blocks.append(
                {
                    "number": number,
                    "question": question,
                    "field": fields[0] if fields and not rows else None,
                    "rows": rows,
                    "has_errors": any(f.errors for f in fields),
                    "anchor": f"question-{question.pk}",
                }
            )
        return blocks

    @transaction.atomic
    def save(self, survey, language, token):
        response = Response.objects.create(
            survey=survey,
            survey_key=survey.translation_key,
            period=survey.period,
            language=language,
            profile=self.cleaned_data.get("profile") or "",
            token_hash=Response.hash_token(token),
        )
        answers = []
        for question in self.questions:
            base = {"response": response, "question": question, "question_key": question.translation_key}
            if question.kind == QuestionKind.PRODUCTS:
                for index, _product in enumerate(question.option_list):
                    value = self.cleaned_data.get(field_name(question, index))
                    if value and value != NOT_USED:
                        answers.append(Answer(option_index=index, score=int(value), **base))
                continue
            value = self.cleaned_data.get(field_name(question))
            if not value:
                continue
            if question.kind == QuestionKind.LIKERT:
                answers.append(Answer(score=int(value), **base))
            elif question.kind == QuestionKind.SINGLE:
                answers.append(Answer(option_index=int(value), text=question.option_list[int(value)], **base))
            elif question.kind == QuestionKind.MULTIPLE:
                answers.extend(Answer(option_index=int(v), text=question.option_list[int(v)], **base) for v in value)
            elif question.kind == QuestionKind.TEXT:
                answers.append(Answer(text=value.strip(), **base))
        Answer.objects.bulk_create(answers)
        return response


def new_token():
    return secrets.token_urlsafe(32)


class FeedbackForm(LocalDigitsErrors, forms.Form):
    useful = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        error_messages={"required": _("Please choose yes or no.")},
    )
    comment = forms.CharField(required=False, max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    url = forms.CharField(max_length=500)
    page_id = forms.IntegerField(required=False)
    title = forms.CharField(required=False, max_length=255)
    website = forms.CharField(required=False)

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        if not url.startswith("/") or url.startswith("//"):
            raise forms.ValidationError(_("Not an address on this site."))
        return url
