"""The data API, /api/v1/… (read-only JSON; schema at /api/v1/schema/).
Apps add their routers here; only released data ever leaves through it."""

from django.http import JsonResponse
from django.urls import path, re_path
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

api = NinjaAPI(
    title="Statistics Portal data API",
    version="1",
    description="Read-only statistics of the Ministry of Cooperatives, Labour and Social Welfare. "
    "Only released figures; cells from too few units are suppressed.",
    urls_namespace="api-v1",
    openapi_url="/schema/",
    docs_url=None,  # the Swagger page loads from a CDN; the schema is enough
)


@api.exception_handler(ValidationError)
def _validation_error(request, exc):
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', [])[1:]) or 'request'}: {e.get('msg', '')}" for e in exc.errors
    )
    return api.create_response(request, {"error": f"bad request: {problems}"}, status=400)


def _keep_404(request):
    # LocaleMiddleware redirects a 404 outside the language prefixes to /fa/…, where
    # Wagtail's catch-all route exists. An API 404 must stay a JSON 404: resolve the
    # middleware's check against this URLconf, which has no language prefixes.
    request.urlconf = __name__


@api.exception_handler(HttpError)
def _http_error(request, exc):
    if exc.status_code == 404:
        _keep_404(request)
    return api.create_response(request, {"error": str(exc)}, status=exc.status_code)


@api.exception_handler(AuthenticationError)
def _auth_error(request, exc):
    return api.create_response(request, {"error": "not allowed"}, status=401)


def _not_found(request, rest=""):
    _keep_404(request)
    return JsonResponse({"error": f"no such API address: {request.path}; see /api/v1/schema/"}, status=404)


# indicators
from indicators.api import router as indicators_router  # noqa: E402

api.add_router("/", indicators_router)

urlpatterns = [
    path("", api.urls),
    re_path(r"^(?P<rest>.*)$", _not_found),
]
