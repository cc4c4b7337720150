"""CSV and XLSX exports of survey responses and page feedback: one row an
answer. Text that a spreadsheet would run as a formula is escaped."""

from openpyxl import Workbook

from core.exports import csv_response, safe_cell, xlsx_response
from iran.dates import to_tehran

from .enums import QuestionKind
from .models import Answer, PageFeedback

# The site's one formula guard (core/exports.py), under the name this app's callers use.
escape_cell = safe_cell


RESPONSE_HEADER = [
    "response_id",
    "submitted_at_tehran",
    "quarter",
    "language",
    "profile",
    "demo",
    "question_code",
    "question",
    "kind",
    "option_index",
    "option_or_product",
    "score",
    "text",
]


def response_rows(survey):
    questions = {q.translation_key: q for q in survey.get_questions()}
    answers = (
        Answer.objects.filter(response__survey_key=survey.translation_key)
        .select_related("response")
        .order_by("response_id", "pk")
    )
    for answer in answers.iterator():
        question = questions.get(answer.question_key)
        response = answer.response
        option = ""
        if question is not None and answer.option_index is not None:
            options = question.option_list
            option = options[answer.option_index] if answer.option_index < len(options) else answer.text
        yield [
            response.pk,
            to_tehran(response.submitted_at).strftime("%Y-%m-%d %H:%M"),
            response.period,
            response.language,
            response.profile,
            "yes" if response.is_demo else "no",
            question.code if question else "",
            question.text if question else "",
            question.kind if question else "",
            answer.option_index if answer.option_index is not None else "",
            option,
            answer.score if answer.score is not None else "",
            answer.text if (question is None or question.kind == QuestionKind.TEXT) else "",
        ]


FEEDBACK_HEADER = ["sent_at_tehran", "quarter", "language", "page_title", "url", "useful", "comment", "demo"]


def feedback_rows(period_code):
    for row in PageFeedback.objects.filter(period=period_code).order_by("created_at"):
        yield [
            to_tehran(row.created_at).strftime("%Y-%m-%d %H:%M"),
            row.period,
            row.language,
            row.title,
            row.url,
            "yes" if row.useful else "no",
            row.comment,
            "yes" if row.is_demo else "no",
        ]


def as_csv(filename, header, rows):
    return csv_response(filename, [header, *rows])


def as_xlsx(filename, header, rows):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("data")
    sheet.append(header)
    for row in rows:
        sheet.append([escape_cell(value) for value in row])
    return xlsx_response(filename, workbook)
