"""This app's part of `manage.py load_demo`. Idempotent.

The surveys index, a survey open for the current Jalali quarter, and the
surveys of the two quarters before with several hundred made-up responses
(seeded, marked is_demo) so that results, changes and the public summary of
last quarter have something to show. Plus some page feedback."""

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.db import transaction
from wagtail.models import Locale

from core.pages import child_page
from core.translation import translate
from iran.periods import Period, Periodicity
from surveys.enums import Profile, QuestionKind
from surveys.models import Answer, PageFeedback, Question, Response, SurveyIndexPage, SurveyPage, tehran_today

TEHRAN = ZoneInfo("Asia/Tehran")

INDEX_FA = {
    "title": "نظرسنجی‌ها",
    "intro": "هر فصل از کاربران آمارهای وزارت می‌پرسیم که آمارها چقدر به‌موقع، دقیق و سودمند است.",
}
INDEX_EN = {
    INDEX_FA["title"]: "Surveys",
    INDEX_FA["intro"]: "Every quarter we ask the users of the ministry's statistics how timely, accurate and useful "
    "they are.",
}

# (kind, code, required, Persian text, English text, Persian options, English options)
QUESTIONS = [
    (
        QuestionKind.LIKERT,
        "overall",
        True,
        "به‌طور کلی از آمارهای منتشرشده در این درگاه چقدر راضی هستید؟",
        "Overall, how satisfied are you with the statistics published on this portal?",
        [],
        [],
    ),
    (
        QuestionKind.LIKERT,
        "timeliness",
        True,
        "از به‌موقع بودن انتشار آمارها چقدر راضی هستید؟",
        "How satisfied are you with the timeliness of the statistics?",
        [],
        [],
    ),
    (
        QuestionKind.LIKERT,
        "accuracy",
        False,
        "از دقت و سازگاری آمارها چقدر راضی هستید؟",
        "How satisfied are you with the accuracy and consistency of the statistics?",
        [],
        [],
    ),
    (
        QuestionKind.PRODUCTS,
        "products",
        False,
        "از هر یک از این محصولات چقدر راضی هستید؟",
        "How satisfied are you with each of these products?",
        ["سالنامه آماری", "ماهنامه آماری", "داشبورد مدیریتی", "رابط برنامه‌نویسی داده‌ها (API)", "تقویم انتشار"],
        [
            "The statistical yearbook",
            "The monthly bulletin",
            "The management dashboard",
            "The data API",
            "The release calendar",
        ],
    ),
    (
        QuestionKind.SINGLE,
        "purpose",
        True,
        "بیشتر برای چه کاری از آمارهای ما استفاده می‌کنید؟",
        "What do you mostly use our statistics for?",
        ["پژوهش و تحلیل", "سیاست‌گذاری و برنامه‌ریزی", "گزارش خبری", "تصمیم‌های کسب‌وکار", "آموزش و تحصیل"],
        ["Research and analysis", "Policy and planning", "News reporting", "Business decisions", "Teaching and study"],
    ),
    (
        QuestionKind.MULTIPLE,
        "discovery",
        False,
        "آمارها را بیشتر از چه راهی پیدا می‌کنید؟",
        "How do you usually find our statistics?",
        ["جست‌وجو در همین درگاه", "موتورهای جست‌وجو", "شبکه‌های اجتماعی", "خبرنامه و رسانه‌ها", "معرفی همکاران"],
        ["Search on this portal", "Search engines", "Social media", "Newsletters and the media", "Colleagues"],
    ),
    (
        QuestionKind.TEXT,
        "improve",
        False,
        "چه چیزی آمارهای ما را برای شما سودمندتر می‌کند؟",
        "What would make our statistics more useful to you?",
        [],
        [],
    ),
]

SURVEY_FA = {
    "intro": "پاسخ به این پرسش‌ها حدود پنج دقیقه وقت می‌گیرد. پاسخ‌ها بی‌نام است و فقط به‌صورت آماری گزارش می‌شود.",
    "thank_you": "پاسخ شما ثبت شد. از اینکه وقت گذاشتید سپاسگزاریم؛ نتیجهٔ نظرسنجی پس از پایان فصل منتشر می‌شود.",
}
SURVEY_EN = {
    SURVEY_FA["intro"]: "Answering these questions takes about five minutes. Answers are anonymous and only reported "
    "as statistics.",
    SURVEY_FA["thank_you"]: "Your answers have been recorded. Thank you for your time; the results will be published "
    "after the end of the quarter.",
}

COMMENTS = [
    "لطفاً جدول‌ها را در قالب اکسل هم منتشر کنید.",
    "سالنامه کمی دیر منتشر می‌شود؛ کاش زودتر بیاید.",
    "آمار استانی بیمه‌شدگان را با جزئیات شهرستان هم بگذارید.",
    "تعریف شاخص‌ها کنار هر نمودار خیلی کمک می‌کند.",
    "رابط برنامه‌نویسی عالی است، مستندات بیشتری لازم دارد.",
    "برای گزارش خبری، یک خلاصهٔ یک‌صفحه‌ای از هر انتشار مفید است.",
    "سری‌های زمانی طولانی‌تر را در یک فایل بگذارید.",
    "تقویم انتشار خیلی خوب است، یادآوری ایمیلی هم اضافه کنید.",
    "Please add English metadata for every indicator.",
    "An API endpoint for the provincial tables would save us a lot of time.",
]

PROFILE_WEIGHTS = [
    (Profile.RESEARCHER, 25),
    (Profile.STUDENT, 18),
    (Profile.JOURNALIST, 8),
    (Profile.GOVERNMENT, 24),
    (Profile.BUSINESS, 12),
    (Profile.OTHER, 5),
    ("", 8),
]
PROFILE_SHIFT = {Profile.JOURNALIST: -0.3, Profile.GOVERNMENT: 0.2, Profile.RESEARCHER: -0.1}
# Mean satisfaction by question code (or product position) in the older and the last quarter.
MEANS = {
    "overall": (3.3, 3.6),
    "timeliness": (2.8, 3.2),
    "accuracy": (3.5, 3.6),
    "products": ([3.4, 3.7, 3.2, 3.0, 3.9], [3.5, 3.8, 3.6, 3.4, 4.0]),
}


def _english():
    english = dict(INDEX_EN)
    english.update({k: v for k, v in SURVEY_EN.items() if v})
    for _kind, _code, _req, fa, en, fa_options, en_options in QUESTIONS:
        english[fa] = en
        if fa_options:
            # wagtail-localize shows the lines of a text field joined by <br/>.
            english["<br/>".join(fa_options)] = "<br/>".join(en_options)
            english.update(dict(zip(fa_options, en_options, strict=True)))
    return english


def survey_title(period):
    return f"نظرسنجی رضایت کاربران آمار، {period.label_fa()}"


def ensure_survey(index, period, publish_summary=False):
    slug = period.code.lower()
    existing = index.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    survey = SurveyPage(
        title=survey_title(period),
        slug=slug,
        locale=index.locale,
        period=period.code,
        publish_summary=publish_summary,
        **SURVEY_FA,
    )
    for kind, code, required, fa, _en, fa_options, _en_options in QUESTIONS:
        survey.questions.add(Question(kind=kind, code=code, required=required, text=fa, options="\n".join(fa_options)))
    index.add_child(instance=survey)
    survey.save_revision().publish()
    english = _english()
    english[survey.title] = f"Statistics users' satisfaction survey, {period.label_en(with_gregorian=False)}"
    translate(survey, english)
    return survey


def _score(rng, mean):
    return max(1, min(5, round(rng.gauss(mean, 1.0))))


@transaction.atomic
def seed_responses(survey, count, older, rng_seed):
    """`count` made-up responses, marked is_demo, spread over the survey's quarter."""
    if Response.objects.filter(survey_key=survey.translation_key, is_demo=True).exists():
        return 0
    rng = random.Random(rng_seed)
    english = survey.get_translation_or_none(Locale.objects.get(language_code="en"))
    versions = {"fa": survey, "en": english.specific if english else survey}
    questions = {lang: {q.code: q for q in page.get_questions()} for lang, page in versions.items()}
    first = dt.datetime.combine(survey.opening_day, dt.time(8), tzinfo=TEHRAN)
    span = (survey.closing_day - survey.opening_day).total_seconds() + 12 * 3600
    profiles, weights = zip(*PROFILE_WEIGHTS, strict=True)
    which = 0 if older else 1
    responses, plans = [], []
    for i in range(count):
        language = "en" if rng.random() < 0.12 else "fa"
        profile = rng.choices(profiles, weights)[0]
        responses.append(
            Response(
                survey=versions[language],
                survey_key=survey.translation_key,
                period=survey.period,
                language=language,
                profile=profile,
                token_hash=Response.hash_token(f"demo-{survey.period}-{i}"),
                submitted_at=first + dt.timedelta(seconds=rng.random() * span),
                is_demo=True,
            )
        )
        plans.append((language, profile))
    Response.objects.bulk_create(responses)
    responses = list(Response.objects.filter(survey_key=survey.translation_key, is_demo=True).order_by("pk"))
    answers = []
    for response, (language, profile) in zip(responses, plans, strict=True):
        shift = PROFILE_SHIFT.get(profile, 0.0)
        for code, question in questions[language].items():
            base = {"response": response, "question": question, "question_key": question.translation_key}
            if question.kind == QuestionKind.LIKERT:
                if not question.required and rng.random() < 0.1:
                    continue
                answers.append(Answer(score=_score(rng, MEANS[code][which] + shift), **base))
            elif question.kind == QuestionKind.PRODUCTS:
                for index, mean in enumerate(MEANS["products"][which]):
                    if rng.random() < 0.35:  # has not used it
                        continue
                    answers.append(Answer(option_index=index, score=_score(rng, mean + shift), **base))
            elif question.kind == QuestionKind.SINGLE:
                weights = [5, 4, 2, 2, 3]
                if profile == Profile.JOURNALIST:
                    weights = [1, 1, 8, 1, 1]
                elif profile == Profile.STUDENT:
                    weights = [3, 1, 1, 1, 6]
                index = rng.choices(range(len(question.option_list)), weights)[0]
                answers.append(Answer(option_index=index, text=question.option_list[index], **base))
            elif question.kind == QuestionKind.MULTIPLE:
                for index, share in enumerate([0.45, 0.6, 0.25, 0.2, 0.3]):
                    if rng.random() < share:
                        answers.append(Answer(option_index=index, text=question.option_list[index], **base))
            elif question.kind == QuestionKind.TEXT and rng.random() < 0.18:
                answers.append(Answer(text=rng.choice(COMMENTS), **base))
    Answer.objects.bulk_create(answers, batch_size=1000)
    return count


def seed_feedback(pages, period, count, seed):
    if PageFeedback.objects.filter(period=period.code, is_demo=True).exists():
        return
    rng = random.Random(seed)
    start = dt.datetime.combine(period.first_day, dt.time(9), tzinfo=TEHRAN)
    span = max((min(period.last_day, tehran_today()) - period.first_day).total_seconds(), 3600)
    notes = ["", "", "", "جدول را نتوانستم دانلود کنم.", "توضیح روش محاسبه کافی نبود.", "خیلی کامل بود، ممنون."]
    rows = []
    for _ in range(count):
        page = rng.choice(pages)
        useful = rng.random() < (0.78 if page.depth <= 2 else 0.64)
        rows.append(
            PageFeedback(
                page=page,
                page_key=page.translation_key,
                url=page.url or "/fa/",
                title=page.title,
                useful=useful,
                comment="" if useful else rng.choice(notes),
                language="fa",
                period=period.code,
                created_at=start + dt.timedelta(seconds=rng.random() * span),
                is_demo=True,
            )
        )
    PageFeedback.objects.bulk_create(rows)


def load(context):
    index = child_page(context.home_fa, SurveyIndexPage, "surveys", show_in_menus=True, **INDEX_FA)
    translate(index, INDEX_EN)
    current = Period.containing(tehran_today(), Periodicity.QUARTER)
    last, older = current.previous(), current.shift(-2)
    older_survey = ensure_survey(index, older, publish_summary=True)
    last_survey = ensure_survey(index, last, publish_summary=True)
    ensure_survey(index, current)
    seed_responses(older_survey, 260, older=True, rng_seed=f"surveys-demo-{older.code}")
    seed_responses(last_survey, 420, older=False, rng_seed=f"surveys-demo-{last.code}")
    pages = [context.home_fa, index]
    seed_feedback(pages, last, 140, f"feedback-{last.code}")
    seed_feedback(pages, current, 60, f"feedback-{current.code}")
    context.log(f"surveys: open survey for {current.code}, demo responses for {older.code} and {last.code}")
