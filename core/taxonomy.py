"""The portal's one vocabulary: topics, producing organisations, periodicity
and kinds of release. Releases, publications, the catalog, indicators, alerts
and the site search store these codes, and every public filter (`?topic=`,
`?organisation=`, `?kind=`) takes them, so one code finds a release entry, a
publication, a dataset and an indicator together.

The vocabulary lives in code, not in editable tables: its codes are a public
contract (URLs, feeds, alert subscriptions, DCAT), and each change needs a
translation and usually a data migration, so it goes through review.
Organisations are the codes of the indicators' `organisation` code list: its
seed (indicators/codelists.py) reads ORGANISATIONS from here."""

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from iran.periods import Periodicity as PeriodLength


def _in_language(fa: str, en: str) -> str:
    # No active language (management commands such as makemigrations): English,
    # as gettext would give.
    return fa if (get_language() or "en").startswith("fa") else en


bilingual = lazy(_in_language, str)


class Topic(models.TextChoices):
    LABOUR_MARKET = "labour_market", _("Labour market")
    EMPLOYMENT = "employment", _("Employment and unemployment")
    WAGES = "wages", _("Wages and labour costs")
    SOCIAL_SECURITY = "social_security", _("Social security and insurance")
    WELFARE = "welfare", _("Social welfare and support")
    POVERTY = "poverty", _("Poverty and income")
    COOPERATIVES = "cooperatives", _("Cooperatives")
    SKILLS = "skills", _("Technical and vocational training")
    WORKPLACE_SAFETY = "workplace_safety", _("Workplace safety and inspection")
    PENSIONS = "pensions", _("Pensions")


# Topic codes the apps used before they shared this vocabulary (catalog and
# indicator slugs, publication topics). Old links and bookmarks keep working.
LEGACY_TOPICS = {
    "labour": Topic.LABOUR_MARKET,
    "social-insurance": Topic.SOCIAL_SECURITY,
    "safety": Topic.WORKPLACE_SAFETY,
    "training": Topic.SKILLS,
}

# Old codes that now mean no particular topic: a filter on them shows everything.
RETIRED_TOPICS = {"general"}


def topic_code(value: str) -> str:
    """The topic code a filter value means ('' when none): a code, an old slug
    (`labour-market`, `safety`) or an old publication topic (`training`)."""
    value = (value or "").strip()
    code = LEGACY_TOPICS.get(value, value.replace("-", "_"))
    return code if code in Topic.values else ""


# code, Persian name, English name: the `organisation` code list's codes.
ORGANISATIONS = [
    ("MCLS", "وزارت تعاون، کار و رفاه اجتماعی", "Ministry of Cooperatives, Labour and Social Welfare"),
    ("SSO", "سازمان تأمین اجتماعی", "Social Security Organization"),
    ("SWO", "سازمان بهزیستی کشور", "State Welfare Organization"),
    ("CSPF", "صندوق بازنشستگی کشوری", "Civil Servants Pension Fund"),
    ("TVTO", "سازمان آموزش فنی و حرفه‌ای کشور", "Technical and Vocational Training Organization"),
    ("LIS", "اداره کل بازرسی کار", "Directorate-General of Labour Inspection"),
    ("COOP", "معاونت توسعه تعاون", "Deputy for Cooperative Development"),
    ("WELF", "معاونت رفاه اجتماعی", "Deputy for Social Welfare"),
    ("EMPL", "معاونت روابط کار و اشتغال", "Deputy for Labour Relations and Employment"),
    ("PROV", "ادارات کل تعاون، کار و رفاه اجتماعی استان‌ها", "Provincial directorates-general"),
    ("CDF", "صندوق توسعه تعاون", "Cooperatives Development Fund"),
]

Organisation = models.TextChoices(
    "Organisation", [(code, (code, bilingual(fa, en))) for code, fa, en in ORGANISATIONS], module=__name__
)
Organisation.__doc__ = "Who produces the statistics: the codes of the `organisation` code list."

# The release calendar's codes before it used the code list's.
LEGACY_ORGANISATIONS = {
    "headquarters": "MCLS",
    "provincial": "PROV",
    "sso": "SSO",
    "welfare": "SWO",
    "pension": "CSPF",
    "tvto": "TVTO",
    "cooperatives": "CDF",
}


def organisation_code(value: str) -> str:
    """The organisation code a filter value means ('' when none)."""
    value = (value or "").strip()
    code = LEGACY_ORGANISATIONS.get(value, value)
    if code not in Organisation.values:
        code = code.upper()  # the catalog's old slugs were the codes in lower case
    return code if code in Organisation.values else ""


class Periodicity(models.TextChoices):
    """How often a statistic is produced; DCAT's frequencies. The Jalali period
    arithmetic is iran.periods.Periodicity (`period_length`)."""

    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    ANNUAL = "annual", _("Yearly")
    CONTINUOUS = "continuous", _("continuous")
    IRREGULAR = "irregular", _("irregular")

    @property
    def period_length(self) -> PeriodLength | None:
        """The Jalali period one release covers; None when not periodic."""
        return PERIOD_LENGTHS.get(self)

    @classmethod
    def of_length(cls, length) -> "Periodicity":
        return {v: k for k, v in PERIOD_LENGTHS.items()}[PeriodLength(length)]


PERIOD_LENGTHS = {
    Periodicity.MONTHLY: PeriodLength.MONTH,
    Periodicity.QUARTERLY: PeriodLength.QUARTER,
    Periodicity.ANNUAL: PeriodLength.YEAR,
}


def periodicity_choices(*members):
    """Choices limited to some periodicities (a release series is monthly, quarterly or yearly)."""
    return [(m.value, m.label) for m in members]


def period_length_choices():
    """Choices for a field that stores the periods per year (iran.periods.Periodicity)."""
    return [(length.value, Periodicity.of_length(length).label) for length in sorted(PeriodLength)]


class ReleaseKind(models.TextChoices):
    YEARBOOK = "yearbook", _("Statistical yearbook")
    MONTHLY_BULLETIN = "monthly_bulletin", _("Monthly bulletin")
    QUARTERLY_BULLETIN = "quarterly_bulletin", _("Quarterly bulletin")
    SPECIAL_ISSUE = "special_issue", _("Special issue")
    ANALYTICAL_REPORT = "analytical_report", _("Analytical report")
    INFOGRAPHIC = "infographic", _("Infographic")
    INDICATOR_UPDATE = "indicator_update", _("Indicator update")
    MICRODATA_RELEASE = "microdata_release", _("Microdata release")


SEPARATOR = ","


def codes_to_db(codes) -> str:
    """Several codes are stored as «,a,b,» so that one `contains` lookup finds a code on every database."""
    codes = [c for c in codes if c]
    return f"{SEPARATOR}{SEPARATOR.join(codes)}{SEPARATOR}" if codes else ""


def codes_from_db(value: str) -> list[str]:
    return [c for c in (value or "").split(SEPARATOR) if c]


def contains_code(field: str, code: str) -> models.Q:
    """The lookup that finds rows whose «,a,b,» field holds the code."""
    return models.Q(**{f"{field}__contains": f"{SEPARATOR}{code}{SEPARATOR}"})


def topics_in(stored) -> list[tuple[str, str]]:
    """(code, label) of the topics found in stored «,a,b,» values, in the vocabulary's order:
    a filter offers only the topics that find something."""
    used = {code for value in stored for code in codes_from_db(value)}
    return [(code, label) for code, label in Topic.choices if code in used]
