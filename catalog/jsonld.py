"""Machine-readable catalog metadata: DCAT (W3C Data Catalog Vocabulary) and
schema.org Dataset in one JSON-LD document, so both harvesters (CKAN, data
portals) and search engines read the same description."""

import json

from django.urls import reverse
from django.utils.safestring import mark_safe

from core.language import current_language
from core.taxonomy import Periodicity

from .enums import AccessLevel

CONTEXT = {
    "@vocab": "https://schema.org/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
}

# Dublin Core frequency vocabulary
FREQUENCY = {
    Periodicity.MONTHLY: "http://purl.org/cld/freq/monthly",
    Periodicity.QUARTERLY: "http://purl.org/cld/freq/quarterly",
    Periodicity.ANNUAL: "http://purl.org/cld/freq/annual",
    Periodicity.CONTINUOUS: "http://purl.org/cld/freq/continuous",
    Periodicity.IRREGULAR: "http://purl.org/cld/freq/irregular",
}

ACCESS_RIGHTS = {
    AccessLevel.OPEN: "PUBLIC",
    AccessLevel.PUBLIC_USE: "RESTRICTED",
    AccessLevel.LICENSED: "RESTRICTED",
    AccessLevel.ENCLAVE: "NON_PUBLIC",
    AccessLevel.NOT_AVAILABLE: "NON_PUBLIC",
}
EU_ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/"

# Editors' text (titles, keywords) may hold "</script>": inside a <script> element
# <, > and & are written as JSON escapes, as Django's json_script does, so the
# text can never close the element. JSON readers see the same characters.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script_tag(data):
    """`data` as a <script type="application/ld+json"> element, safe in HTML."""
    text = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # escaped just above


def _lang_values(fa, en):
    values = [{"@language": "fa", "@value": fa}] if fa else []
    if en:
        values.append({"@language": "en", "@value": en})
    return values


def _temporal(dataset):
    start, end = dataset.time_coverage
    if start is None:
        return None
    first = start.first_day.isoformat()
    last = end.last_day.isoformat() if end else ".."
    return f"{first}/{last}"


def dataset(ds, request, page, full=True, page_url=None):
    """`page_url`: the catalog page's URL when the caller has it (a listing: read once, not once a dataset)."""
    if page:
        url = (page_url or page.url) + page.reverse_subpage("dataset", kwargs={"slug": ds.slug})
        url = request.build_absolute_uri(url)
    else:
        url = ""
    organisation = str(ds.get_organisation_display())
    keywords = [k.strip() for k in (ds.keywords or "").split(",") if k.strip()]
    data = {
        "@context": CONTEXT,
        "@id": url,
        "@type": ["Dataset", "dcat:Dataset"],
        "identifier": ds.slug,
        "dct:identifier": ds.slug,
        "name": ds.title,
        "dct:title": _lang_values(ds.title_fa, ds.title_en),
        "description": ds.description,
        "dct:description": _lang_values(ds.description_fa, ds.description_en),
        "url": url,
        "dcat:landingPage": {"@id": url},
        "inLanguage": current_language(),
        "keywords": keywords,
        "dcat:keyword": keywords,
        "dcat:theme": str(ds.get_topic_display()),
        "creator": {"@type": "GovernmentOrganization", "name": organisation},
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": organisation},
        "spatialCoverage": ds.geographic_coverage,
        "dct:spatial": ds.geographic_coverage,
        "dct:accrualPeriodicity": {"@id": FREQUENCY.get(ds.update_cadence, FREQUENCY[Periodicity.IRREGULAR])},
        "dateModified": ds.last_updated.isoformat(),
        "dct:modified": ds.last_updated.isoformat(),
        "isAccessibleForFree": ds.access_level in (AccessLevel.OPEN, AccessLevel.PUBLIC_USE),
        "conditionsOfAccess": ds.get_access_level_display(),
        "dct:accessRights": {"@id": EU_ACCESS_RIGHT + ACCESS_RIGHTS[ds.access_level]},
    }
    temporal = _temporal(ds)
    if temporal:
        data["temporalCoverage"] = temporal
        data["dct:temporal"] = temporal
    if ds.contact_email:
        data["dcat:contactPoint"] = {"@type": "ContactPoint", "name": ds.contact_name, "email": ds.contact_email}
    if full:
        data["variableMeasured"] = [
            {"@type": "PropertyValue", "name": v.name, "description": v.label} for v in ds.variables.all()
        ]
        # Distributions describe every file; only open ones carry a download URL.
        distributions = []
        for f in ds.files.all():
            item = {
                "@type": ["DataDownload", "dcat:Distribution"],
                "name": f.title,
                "encodingFormat": f.file_format,
                "dct:format": f.file_format,
                "contentSize": f"{f.size} B",
                "dct:accessRights": {"@id": EU_ACCESS_RIGHT + ACCESS_RIGHTS[f.access_level]},
            }
            if f.access_level == AccessLevel.OPEN:
                item["contentUrl"] = request.build_absolute_uri(reverse("researchers:open_file", args=[f.uuid]))
                item["dcat:downloadURL"] = {"@id": item["contentUrl"]}
            distributions.append(item)
        data["distribution"] = distributions
    return data


def catalog(page, request, datasets, full=False, page_url=None):
    page_url = (page_url or page.url) if page else None
    url = request.build_absolute_uri(page_url) if page else ""
    items = []
    for ds in datasets:
        item = dataset(ds, request, page, full=full, page_url=page_url)
        item.pop("@context", None)
        items.append(item)
    return {
        "@context": CONTEXT,
        "@id": url,
        "@type": ["DataCatalog", "dcat:Catalog"],
        "name": page.title if page else "",
        "url": url,
        "dataset": items,
        "dcat:dataset": [{"@id": item["@id"]} for item in items],
    }
