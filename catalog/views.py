"""The catalog's public views, served through CatalogIndexPage's routes.
Only metadata is shown here: files of private access levels are never linked."""

from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.compiled import CompiledQuery
from core.listing import counted_page, counted_rows, page_of
from core.taxonomy import Organisation, Periodicity, Topic, organisation_code, topic_code
from iran.text import normalize_text

from . import jsonld
from .enums import ACCESS_LEVEL_HELP, AccessLevel, Unit
from .models.datasets import Dataset
from .models.links import Variable
from .rows import dataset_rows

PAGE_SIZE = 12
VARIABLE_PAGE_SIZE = 25

FACETS = [
    # (GET parameter, lookup, label)
    ("topic", "topic", "Topic"),
    ("organisation", "organisation", "Organisation"),
    ("unit", "unit", "Unit of observation"),
    ("access", "access_level", "Access level"),
    ("periodicity", "periodicity", "Periodicity"),
]

CANONICAL = {"topic": topic_code, "organisation": organisation_code}


def _facet_labels():
    return {
        "topic": dict(Topic.choices),
        "organisation": dict(Organisation.choices),
        "unit": dict(Unit.choices),
        "access": dict(AccessLevel.choices),
        "periodicity": dict(Periodicity.choices),
    }


def _facet_titles():
    return {
        "topic": _("Topic"),
        "organisation": _("Organisation"),
        "unit": _("Unit of observation"),
        "access": _("Access level"),
        "periodicity": _("Periodicity"),
    }


FACET_LOOKUPS = [lookup for _param, lookup, _label in FACETS]


def _groups(base):
    return base.values(*FACET_LOOKUPS).annotate(n=Count("pk", distinct=True)).order_by()


def facet_groups(base):
    """The datasets of `base` counted by their five facet values together, in one
    query: each facet's counts are then sums over these groups (a dataset has one
    value of each), instead of a query a facet."""
    return list(_groups(base))


def _results(base):
    return base.annotate(n_variables=Count("variables", distinct=True)).order_by("-last_updated", "slug")


# The whole catalog (no words, no facet chosen: what most readers open) is read
# by statements compiled once per process (core.compiled): building and compiling
# the facet groups and the first page's window count cost more than running them.
_ALL_GROUPS = CompiledQuery(Dataset, lambda: _groups(Dataset.objects.published()))
_ALL_FIRST_PAGE = CompiledQuery(Dataset, lambda: counted_rows(_results(Dataset.objects.published()), 1, PAGE_SIZE))


def facet_counts(groups, selected, param, lookup):
    """[(value, datasets)] of one facet, by value, under every selected filter but its
    own: what `filtered(skip=param).values(lookup).annotate(Count)` counted in SQL."""
    others = [(lk, value) for name, (lk, value) in selected.items() if name != param]
    counts = {}
    for group in groups:
        if all(group[lk] == value for lk, value in others):
            counts[group[lookup]] = counts.get(group[lookup], 0) + group["n"]
    return sorted(counts.items())


def _querystring(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def listing(request, page):
    query = normalize_text(request.GET.get("q", ""))[:200]
    selected = {}
    for param, lookup, _label in FACETS:
        value = request.GET.get(param, "").strip()[:80]
        # Old links carry the catalog's former slugs (labour-market, sso).
        value = CANONICAL.get(param, str)(value) or value
        if value:
            selected[param] = (lookup, value)

    base = Dataset.objects.published()
    if query:
        base = base.search(query)

    def filtered(skip=None):
        qs = base
        for param, (lookup, value) in selected.items():
            if param != skip:
                qs = qs.filter(**{lookup: value})
        return qs

    labels = _facet_labels()
    titles = _facet_titles()
    whole = not query and not selected
    groups = _ALL_GROUPS() if whole else facet_groups(base)
    facets = []
    for param, lookup, _label in FACETS:
        options = []
        for value, count in facet_counts(groups, selected, param, lookup):
            params = request.GET.copy()
            params.pop("page", None)
            is_selected = selected.get(param, (None, None))[1] == value
            if is_selected:
                params.pop(param, None)
            else:
                params[param] = value
            options.append(
                {
                    "value": value,
                    "label": labels[param].get(value, value),
                    "count": count,
                    "selected": is_selected,
                    "href": "?" + params.urlencode() if params else page.url,
                }
            )
        facets.append({"param": param, "title": titles[param], "options": options})

    page_obj = counted_page(request, _results(filtered()), PAGE_SIZE, first_page=_ALL_FIRST_PAGE if whole else None)
    page_url = page.get_url(request)  # once, through the request's memo of the site root paths
    querystring = _querystring(request)
    active = [
        {"title": titles[param], "label": labels[param].get(value, value)} for param, (_lk, value) in selected.items()
    ]
    return TemplateResponse(
        request,
        "catalog/catalog_index_page.html",
        {
            "page": page,
            "self": page,
            "query": query,
            "facets": facets,
            "active_filters": active,
            "page_obj": page_obj,
            "dataset_rows": dataset_rows(page_obj.object_list, page_url),
            "querystring": querystring,
            "catalog_jsonld": jsonld.script_tag(jsonld.catalog(page, request, page_obj.object_list, page_url=page_url)),
        },
    )


def _dataset_or_404(slug):
    qs = Dataset.objects.published()
    return get_object_or_404(qs, slug=slug)


def dataset_detail(request, page, slug):
    dataset = _dataset_or_404(slug)
    variables = list(dataset.variables.all())
    # File descriptions are public metadata; the files themselves are linked only when open.
    files = list(dataset.files.order_by("access_level", "period", "pk"))
    links = [resolved for link in dataset.links.select_related("page") if (resolved := link.resolve(request))]
    return TemplateResponse(
        request,
        "catalog/dataset_page.html",
        {
            "page": page,
            "self": page,
            "dataset": dataset,
            "variables": variables,
            "files": files,
            "links": links,
            "access_help": ACCESS_LEVEL_HELP.get(dataset.access_level, ""),
            "dataset_jsonld": jsonld.script_tag(jsonld.dataset(dataset, request, page)),
            "dataset_jsonld_url": page.url_for("dataset_jsonld", slug=dataset.slug),
        },
    )


def dataset_jsonld(request, page, slug):
    dataset = _dataset_or_404(slug)
    data = jsonld.dataset(dataset, request, page)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False}, content_type="application/ld+json")


def dcat_catalog(request, page):
    datasets = Dataset.objects.published()
    data = jsonld.catalog(page, request, datasets, full=True)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False}, content_type="application/ld+json")


def variable_search(request, page):
    query = normalize_text(request.GET.get("q", ""))[:200]
    access = request.GET.get("access", "").strip()[:40]
    variables = Variable.objects.none()
    if query:
        variables = Variable.objects.filter(dataset__published=True)
        for word in query.casefold().split()[:10]:
            variables = variables.filter(search_text__contains=word)
        if access:
            variables = variables.filter(dataset__access_level=access)
        variables = variables.select_related("dataset").order_by("dataset__title_fa", "sort_order", "pk")
    page_obj, querystring = page_of(request, variables, VARIABLE_PAGE_SIZE)
    return TemplateResponse(
        request,
        "catalog/variable_search.html",
        {
            "page": page,
            "self": page,
            "query": query,
            "access": access,
            "access_levels": AccessLevel.choices,
            "page_obj": page_obj,
            "querystring": querystring,
        },
    )
