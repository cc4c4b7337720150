"""An entry's address is made from its series and period: `monthly-labour-market-bulletin-1405-09`.

Latin and short, so it reads the same in both languages and is never a long
percent-encoded Persian title. Only new entries get one: existing addresses
are never rewritten."""

from django.utils.text import slugify

from iran.periods import Period, PeriodError

MAX_BASE = 60


def series_code(series) -> str:
    """The series' Latin code: its English title in slug form (or its number)."""
    base = slugify(series.title_en or "")[:MAX_BASE].strip("-")
    return base or f"series-{series.pk}"


def period_part(reference_period: str) -> str:
    try:
        return Period.parse(reference_period).code.lower()
    except PeriodError:
        return slugify(reference_period)


def entry_slug(series, reference_period: str, parent=None, exclude_pk=None) -> str:
    """`<series code>-<period>`, with -2, -3 … if a sibling already has it."""
    base = "-".join(part for part in (series_code(series), period_part(reference_period)) if part)
    if parent is None:
        return base
    taken = set(parent.get_children().exclude(pk=exclude_pk).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def is_title_slug(slug: str, title: str) -> bool:
    """True for the slug Wagtail fills in from the title, or any non-Latin one: we may replace it."""
    return not slug or not slug.isascii() or slug == slugify(title or "", allow_unicode=True)
