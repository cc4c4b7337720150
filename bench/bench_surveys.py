"""Surveys: how long the staff results, the exports and a submission take.
Figures are printed, never judged. Uses a throw-away SQLite database (or
DATABASE_URL) under a temporary VAR_DIR."""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="bench-surveys-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def timed(label, fn, repeat=3):
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"{label:<55} {best * 1000:9.1f} ms (best of {repeat})", flush=True)
    return result


def main():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.test import Client
    from django.test.utils import setup_test_environment

    from demo import site as home_demo
    from demo import surveys as demo
    from iran.periods import Period, Periodicity
    from surveys import exports
    from surveys.models import Answer, Response, SurveyIndexPage, tehran_today
    from surveys.results import survey_results

    setup_test_environment()
    fa, _en = home_demo.ensure_locales()
    home_fa = home_demo.ensure_home(fa)
    home_demo.translate(home_fa, home_demo.HOME_EN)
    index = home_demo.child_page(home_fa, SurveyIndexPage, "surveys", title="نظرسنجی‌ها")
    home_demo.translate(index, demo.INDEX_EN)
    current = Period.containing(tehran_today(), Periodicity.QUARTER)
    last = demo.ensure_survey(index, current.previous(), publish_summary=True)
    before = demo.ensure_survey(index, current.shift(-2))
    open_survey = demo.ensure_survey(index, current)
    demo.seed_responses(before, 2000, older=True, rng_seed="bench-before")
    start = time.perf_counter()
    demo.seed_responses(last, 5000, older=False, rng_seed="bench-last")
    print(f"{'seed 5,000 responses (bulk insert)':<55} {(time.perf_counter() - start) * 1000:9.1f} ms")
    answers = Answer.objects.filter(response__survey_key=last.translation_key).count()
    print(f"answers stored for the last quarter: {answers:,}")

    timed("survey_results (5,000 responses, change vs 2,000)", lambda: survey_results(last))
    timed(
        "CSV export (one row an answer)",
        lambda: exports.as_csv("x", exports.RESPONSE_HEADER, exports.response_rows(last)),
    )
    timed(
        "XLSX export (one row an answer)",
        lambda: exports.as_xlsx("x", exports.RESPONSE_HEADER, exports.response_rows(last)),
        repeat=1,
    )
    client = Client()
    timed("public summary page GET", lambda: client.get(last.url + "results/"))

    from django.core.cache import cache

    questions = open_survey.get_questions()
    data = {}
    for question in questions:
        if question.kind == "likert":
            data[f"q{question.pk}"] = "4"
        elif question.kind == "single":
            data[f"q{question.pk}"] = "0"
    n = 50
    start = time.perf_counter()
    for _ in range(n):
        cache.clear()  # not measuring the rate limit
        response = Client().post(open_survey.url, data)
        assert response.status_code == 302, response.status_code
    elapsed = time.perf_counter() - start
    print(f"{'survey submission (POST, store, redirect)':<55} {elapsed / n * 1000:9.1f} ms each ({n / elapsed:.0f}/s)")
    print(f"responses now: {Response.objects.count():,}")


if __name__ == "__main__":
    main()
