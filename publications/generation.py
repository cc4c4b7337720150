"""Provincial and organisation yearbooks generated from a national one.

One action copies the national yearbook and its chapters as drafts, once per
province (or for one organisation): the same tables, filtered at render time
to the copy's province or organisation (`YearbookPage.scope_filters`). A copy
that already exists is left as its editors made it."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.taxonomy import Organisation
from indicators.models import CodeList
from indicators.query import code_labels

from .enums import YearbookScope
from .models import ORGANISATION_DIMENSION, PROVINCE_DIMENSION, YearbookPage


class GenerationError(ValueError):
    pass


@dataclass
class GenerationResult:
    created: list = field(default_factory=list)
    existing: list = field(default_factory=list)


def provinces(lang="fa") -> dict[str, str]:
    """The 31 provinces, code → name, from the indicators' code list."""
    code_list = CodeList.objects.filter(code=PROVINCE_DIMENSION).first()
    if code_list is None:
        return {}
    labels = code_labels(PROVINCE_DIMENSION, lang)
    # The provinces themselves, not the whole-country total.
    return {code: label for code, label in labels.items() if code != code_list.total_code}


def _title(national, name, lang):
    with override(lang):
        if lang == "fa":
            return f"{national.title} — استان {name}" if not name.startswith("استان") else f"{national.title} — {name}"
        return f"{national.title} — {name} province"


def _copy(national, *, slug, title, scope, user, province_code="", organisation_code=""):
    parent = national.get_parent()
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    copy = national.copy(
        recursive=True,
        to=parent,
        update_attrs={
            "slug": slug,
            "title": title,
            "scope": scope,
            "province_code": province_code,
            "organisation_code": organisation_code,
            "source_yearbook": national,
            "live": False,
            "has_unpublished_changes": True,
        },
        keep_live=False,
        user=user,
        copy_revisions=False,
    )
    # Its English version (and its chapters'), a synced draft ready for a translator.
    from releases.translations import ensure_english_subtree

    ensure_english_subtree(copy.specific, user=user)
    return copy.specific, True


def check_national(national):
    if not isinstance(national, YearbookPage) or national.scope != YearbookScope.NATIONAL:
        raise GenerationError(_("Provincial and organisation yearbooks are generated from a national yearbook."))


@transaction.atomic
def generate_provincial_yearbooks(national, user=None) -> GenerationResult:
    check_national(national)
    lang = national.locale.language_code
    result = GenerationResult()
    names = provinces(lang)
    if not names:
        raise GenerationError(_("The province code list is empty: import the provinces first."))
    for code, name in names.items():
        page, created = _copy(
            national,
            slug=f"{national.slug}-province-{code}",
            title=_title(national, name, lang),
            scope=YearbookScope.PROVINCE,
            user=user,
            province_code=code,
        )
        (result.created if created else result.existing).append(page)
    return result


def organisation_name(code, lang):
    try:
        labels = code_labels(ORGANISATION_DIMENSION, lang)
    except Exception:
        labels = {}
    if code in labels:
        return labels[code]
    with override(lang):
        return str(dict(Organisation.choices).get(code, code))


@transaction.atomic
def generate_organisation_yearbook(national, organisation_code, user=None):
    check_national(national)
    if not organisation_code:
        raise GenerationError(_("Choose an organisation."))
    lang = national.locale.language_code
    name = organisation_name(organisation_code, lang)
    page, created = _copy(
        national,
        slug=f"{national.slug}-org-{slugify(organisation_code)}",
        title=f"{national.title} — {name}",
        scope=YearbookScope.ORGANISATION,
        user=user,
        organisation_code=organisation_code,
    )
    return page, created
