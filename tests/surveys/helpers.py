"""Worlds and helpers shared by the surveys tests (split from test_surveys.py)."""

from django.template import Context, Template
from django.test import RequestFactory

from core.pages import child_page
from iran.periods import Period, Periodicity
from surveys.enums import QuestionKind
from surveys.models import Answer, Question, Response, SurveyIndexPage, SurveyPage, tehran_today

CURRENT = Period.containing(tehran_today(), Periodicity.QUARTER)


QUESTIONS = [
    {"kind": QuestionKind.LIKERT, "code": "overall", "required": True, "text": "رضایت کلی شما چقدر است؟"},
    {
        "kind": QuestionKind.SINGLE,
        "code": "purpose",
        "required": True,
        "text": "بیشتر برای چه کاری؟",
        "options": "پژوهش\nسیاست‌گذاری\nخبر",
    },
    {
        "kind": QuestionKind.MULTIPLE,
        "code": "find",
        "required": False,
        "text": "از چه راهی پیدا می‌کنید؟",
        "options": "جست‌وجو\nشبکه‌های اجتماعی\nهمکاران",
    },
    {
        "kind": QuestionKind.PRODUCTS,
        "code": "products",
        "required": False,
        "text": "از هر محصول چقدر راضی هستید؟",
        "options": "سالنامه آماری\nماهنامه آماری",
    },
    {"kind": QuestionKind.TEXT, "code": "improve", "required": False, "text": "چه پیشنهادی دارید؟"},
]


def build_survey(home_fa, period=CURRENT, slug=None, **fields):
    index = child_page(home_fa, SurveyIndexPage, "surveys", title="نظرسنجی‌ها")
    survey = SurveyPage(
        title=fields.pop("title", f"نظرسنجی {period.label_fa()}"),
        slug=slug or period.code.lower(),
        locale=index.locale,
        period=period.code,
        **fields,
    )
    for question in QUESTIONS:
        survey.questions.add(Question(**question))
    index.add_child(instance=survey)
    survey.save_revision().publish()
    return SurveyPage.objects.get(pk=survey.pk)


def q(survey, code):
    return next(question for question in survey.get_questions() if question.code == code)


def answers(survey, **values):
    """POST data from answers given by question code (products: code_index)."""
    data = {}
    for key, value in values.items():
        code, _, index = key.partition("__")
        name = f"q{q(survey, code).pk}" + (f"_{index}" if index else "")
        data[name] = value
    return data


def full_answers(survey, **extra):
    data = answers(survey, overall="4", purpose="1", find=["0", "2"], products__0="5", products__1="0")
    data.update(answers(survey, improve="جدول‌ها را زودتر منتشر کنید"))
    data.update(extra)
    return data


def add_response(survey, profile="", **values):
    """A stored response with answers given by question code."""
    import uuid

    response = Response.objects.create(
        survey=survey,
        survey_key=survey.translation_key,
        period=survey.period,
        language="fa",
        profile=profile,
        token_hash=uuid.uuid4().hex,
    )
    for code, value in values.items():
        question = q(survey, code)
        base = {"response": response, "question": question, "question_key": question.translation_key}
        if question.kind == QuestionKind.LIKERT:
            Answer.objects.create(score=value, **base)
        elif question.kind == QuestionKind.TEXT:
            Answer.objects.create(text=value, **base)
        elif question.kind == QuestionKind.PRODUCTS:
            for index, score in value.items():
                Answer.objects.create(option_index=index, score=score, **base)
        else:
            for index in value if isinstance(value, list) else [value]:
                Answer.objects.create(option_index=index, **base)
    return response


def render_feedback(page, path="/fa/"):
    request = RequestFactory().get(path)
    template = Template("{% load surveys_tags %}{% page_feedback page %}")
    return template.render(Context({"page": page, "request": request, "csrf_token": "t"}))
