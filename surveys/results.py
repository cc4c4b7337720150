"""Results of a survey (all its languages together) and of page feedback,
computed from the answer rows. Used by the staff results, the public summary
and the exports."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext

from core.language import current_language
from iran.periods import Period
from iran.text import format_number

from .enums import SCALE, Profile, QuestionKind
from .responses import Answer, PageFeedback, Question, Response
from .stats import MeanCI, mean_ci, percent

PROFILE_LABELS = dict(Profile.choices)
NO_PROFILE = ""


def profile_label(code):
    return str(PROFILE_LABELS[code]) if code in PROFILE_LABELS else gettext("Not given")


@dataclass
class Row:
    """One bar: a scale point, an option or a product."""

    label: str
    count: int = 0
    pct: float | None = None
    stats: MeanCI | None = None  # products: their mean score
    change: float | None = None  # mean points (products) or percentage points (options)
    not_used: int = 0
    counts: list = field(default_factory=list)  # products: count at each scale point


@dataclass
class QuestionResult:
    question: object
    answered: int = 0
    rows: list = field(default_factory=list)
    stats: MeanCI | None = None
    change: float | None = None
    previous_mean: float | None = None
    by_profile: list = field(default_factory=list)  # (label, n, mean or pct list)
    texts: list = field(default_factory=list)

    @property
    def kind(self):
        return self.question.kind


def previous_survey(survey):
    """The survey of the quarter before, in the same language (any page)."""
    try:
        previous = Period.parse(survey.period).previous().code
    except ValueError:
        return None
    return (
        type(survey)
        .objects.filter(period=previous, locale=survey.locale)
        .exclude(pk=survey.pk)
        .order_by("-first_published_at")
        .first()
    )


def _answers(survey):
    """(response id, question key, option, score, text, profile) for every
    answer to the survey in any language. Question ids are mapped to their
    translation key in Python, which is much cheaper than reading UUIDs; only
    answers whose question was deleted read their stored key."""
    key_by_id = dict(
        Question.objects.filter(page__translation_key=survey.translation_key).values_list("id", "translation_key")
    )
    answers = Answer.objects.filter(response__survey_key=survey.translation_key)
    rows = answers.values_list("response_id", "question_id", "option_index", "score", "text", "response__profile")
    result = [(r[0], key_by_id.get(r[1]), r[2], r[3], r[4], r[5]) for r in rows if r[1] in key_by_id]
    orphans = answers.exclude(question_id__in=key_by_id).values_list(
        "response_id", "question_key", "option_index", "score", "text", "response__profile"
    )
    return result + list(orphans)


def _texts(question_key, survey):
    """Free-text answers, newest first: (submitted at, profile label, text)."""
    rows = (
        Answer.objects.filter(response__survey_key=survey.translation_key, question_key=question_key)
        .exclude(text="")
        .order_by("-response__submitted_at")
        .values_list("response__submitted_at", "response__profile", "text")
    )
    return [(when, profile_label(profile), text) for when, profile, text in rows]


def _summaries_by_code(survey):
    """For the change from the previous quarter: question code → (mean, {option: pct}, {product: mean})."""
    result = {}
    if survey is None:
        return result
    rows = _answers(survey)
    by_key = defaultdict(list)
    for row in rows:
        by_key[row[1]].append(row)
    for question in survey.get_questions():
        if not question.code:
            continue
        answers = by_key.get(question.translation_key, [])
        respondents = len({a[0] for a in answers})
        options = Counter(a[2] for a in answers if a[2] is not None)
        products = defaultdict(list)
        for a in answers:
            if question.kind == QuestionKind.PRODUCTS and a[3] is not None:
                products[a[2]].append(a[3])
        result[question.code] = {
            "mean": mean_ci([a[3] for a in answers if a[3] is not None]).mean,
            "options": {i: percent(c, respondents) for i, c in options.items()},
            "products": {i: mean_ci(v).mean for i, v in products.items()},
        }
    return result


def _delta(now, before):
    if now is None or before is None:
        return None
    return now - before


def survey_results(survey, include_texts=True):
    """Everything the results pages show for `survey` (answers in every
    language; labels from this language's version of the survey)."""
    responses = Response.objects.filter(survey_key=survey.translation_key)
    total = responses.count()
    profile_counts = Counter(responses.values_list("profile", flat=True))
    language_counts = Counter(responses.values_list("language", flat=True))
    rows = _answers(survey)
    by_key = defaultdict(list)
    for row in rows:
        by_key[row[1]].append(row)
    prev = previous_survey(survey)
    prev_by_code = _summaries_by_code(prev)
    profiles = [code for code, _label in Profile.choices] + [NO_PROFILE]

    results = []
    for question in survey.get_questions():
        answers = by_key.get(question.translation_key, [])
        respondents = {a[0] for a in answers}
        result = QuestionResult(question=question, answered=len(respondents))
        before = prev_by_code.get(question.code) if question.code else None
        if question.kind == QuestionKind.LIKERT:
            scores = Counter(a[3] for a in answers)
            for value, label in SCALE:
                text = f"{format_number(value, current_language())} · {label}"
                result.rows.append(Row(label=text, count=scores[value], pct=percent(scores[value], len(answers))))
            result.stats = mean_ci([a[3] for a in answers])
            if before:
                result.previous_mean = before["mean"]
                result.change = _delta(result.stats.mean, before["mean"])
            per_profile = defaultdict(list)
            for a in answers:
                per_profile[a[5]].append(a[3])
            result.by_profile = [(profile_label(p), mean_ci(per_profile[p])) for p in profiles if per_profile.get(p)]
        elif question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            counts = Counter(a[2] for a in answers)
            per_profile = defaultdict(Counter)
            profile_respondents = defaultdict(set)
            for a in answers:
                per_profile[a[5]][a[2]] += 1
                profile_respondents[a[5]].add(a[0])
            for index, label in enumerate(question.option_list):
                row = Row(label=label, count=counts[index], pct=percent(counts[index], len(respondents)))
                if before:
                    row.change = _delta(row.pct, before["options"].get(index, 0.0 if before["options"] else None))
                result.rows.append(row)
            result.by_profile = [
                (
                    profile_label(p),
                    len(profile_respondents[p]),
                    [percent(per_profile[p][i], len(profile_respondents[p])) for i in range(len(question.option_list))],
                )
                for p in profiles
                if profile_respondents.get(p)
            ]
        elif question.kind == QuestionKind.PRODUCTS:
            per_product = defaultdict(list)
            per_profile = defaultdict(lambda: defaultdict(list))
            for a in answers:
                per_product[a[2]].append(a[3])
                per_profile[a[5]][a[2]].append(a[3])
            for index, label in enumerate(question.option_list):
                scores = per_product.get(index, [])
                counter = Counter(scores)
                row = Row(
                    label=label,
                    count=len(scores),
                    pct=percent(len(scores), total),
                    stats=mean_ci(scores),
                    not_used=total - len(scores),
                    counts=[(value, counter[value], percent(counter[value], len(scores))) for value, _l in SCALE],
                )
                if before:
                    row.change = _delta(row.stats.mean, before["products"].get(index))
                result.rows.append(row)
            result.by_profile = [
                (profile_label(p), [mean_ci(per_profile[p].get(i, [])) for i in range(len(question.option_list))])
                for p in profiles
                if per_profile.get(p)
            ]
        elif question.kind == QuestionKind.TEXT and include_texts:
            result.texts = _texts(question.translation_key, survey)
        results.append(result)

    return {
        "survey": survey,
        "total": total,
        "previous": prev,
        "profiles": [
            {
                "label": profile_label(p),
                "count": profile_counts.get(p, 0),
                "pct": percent(profile_counts.get(p, 0), total),
            }
            for p in profiles
        ],
        "languages": dict(language_counts),
        "questions": results,
        "is_demo": responses.filter(is_demo=True).exists(),
    }


def feedback_results(period_code):
    """Page feedback of one quarter: share found useful (with its interval),
    change from the quarter before, pages with the most «no», comments."""
    period = Period.parse(period_code)
    rows = PageFeedback.objects.filter(period=period.code)
    values = [1 if useful else 0 for useful in rows.values_list("useful", flat=True)]
    stats = mean_ci(values)
    previous_values = [
        1 if useful else 0
        for useful in PageFeedback.objects.filter(period=period.previous().code).values_list("useful", flat=True)
    ]
    previous = mean_ci(previous_values)
    pages = defaultdict(lambda: {"yes": 0, "no": 0, "title": "", "url": ""})
    for key, url, title, useful in rows.values_list("page_key", "url", "title", "useful"):
        entry = pages[key or url]
        entry["title"] = entry["title"] or title
        entry["url"] = entry["url"] or url
        entry["yes" if useful else "no"] += 1
    page_rows = sorted(pages.values(), key=lambda e: (-e["no"], -(e["yes"] + e["no"])))
    for entry in page_rows:
        entry["total"] = entry["yes"] + entry["no"]
        entry["pct"] = percent(entry["yes"], entry["total"])
    return {
        "period": period,
        "total": len(values),
        "useful": sum(values),
        "stats": stats,
        "pct": None if stats.mean is None else 100 * stats.mean,
        "low": None if stats.low is None else 100 * max(stats.low, 0),
        "high": None if stats.high is None else 100 * min(stats.high, 1),
        "change": None if stats.mean is None or previous.mean is None else 100 * (stats.mean - previous.mean),
        "pages": page_rows[:50],
        "comments": list(rows.exclude(comment="")[:100]),
        "is_demo": rows.filter(is_demo=True).exists(),
    }
