"""Site search: the results page (works without JavaScript) and the JSON the
header box's autocomplete reads."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.language import current_language
from core.taxonomy import RETIRED_TOPICS, Topic, topic_code
from iran.text import normalize_text

from . import sources

PAGE_SIZE = 20
MAX_QUERY = 200
SUGGESTIONS = 8


def search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    types = [t for t in request.GET.getlist("type") if t in sources.TYPES]
    asked = request.GET.get("topic", "")
    topic = topic_code(asked)
    errors = []
    if asked and not topic and asked not in RETIRED_TOPICS:
        errors.append(_("There is no topic «%(topic)s»; choose one from the list.") % {"topic": asked[:40]})
    hits = sources.search(query, current_language(), types=types, topic=topic, request=request) if query else []
    counts = {}
    for hit in hits:
        counts[hit.type] = counts.get(hit.type, 0) + 1
    page_obj = Paginator(hits, PAGE_SIZE).get_page(request.GET.get("page"))
    sources.decorate(page_obj.object_list, query, request)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "query": query,
        "page_obj": page_obj,
        "type_choices": [(code, label, counts.get(code, 0)) for code, label in sources.TYPES.items()],
        "types": types,
        "topic_choices": Topic.choices,
        "topic": topic,
        "errors": errors,
        "params": params.urlencode(),
    }
    return render(request, "sitesearch/search.html", context, status=400 if errors else 200)


def suggest(request):
    """Up to eight hits for the words typed so far (the last one may be half a word)."""
    query = normalize_text(request.GET.get("q", ""))[:MAX_QUERY]
    items = []
    if len(query) >= 2:
        items = [
            {"title": h.title, "url": h.url, "type": h.type, "type_label": str(h.type_label)}
            for h in sources.suggest(query, current_language())[:SUGGESTIONS]
        ]
    response = JsonResponse({"query": query, "results": items})
    response["Cache-Control"] = "public, max-age=60"
    return response
