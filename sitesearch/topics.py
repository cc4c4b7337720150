"""One topic filter over three taxonomies: the calendar's topic codes
(releases.enums.Topic) are the public vocabulary; the slugs of indicator and
catalog topics and the publication topics map onto them here.

The apps grew their own topic lists; until they share one (DESIGN.md puts a
shared taxonomy in core/), this table is the single place that joins them."""

from releases.enums import Topic

ALIASES = {
    "labour": {"labour_market", "employment", "wages"},
    "labour-market": {"labour_market", "employment", "wages"},
    "social-security": {"social_security", "pensions"},
    "social-insurance": {"social_security", "pensions"},
    "safety": {"workplace_safety"},
    "training": {"skills"},
    "general": set(),
}


def calendar_topics(codes) -> set[str]:
    """The calendar topic codes that the given topic codes or slugs mean."""
    out = set()
    for code in codes:
        if not code:
            continue
        out |= ALIASES.get(code, {code.replace("-", "_")})
    return out & set(Topic.values)


def choices():
    return list(Topic.choices)
