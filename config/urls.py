from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import LoginView as WagtailLoginView
from wagtail.documents import urls as wagtaildocs_urls

from core.login_guard import guarded_login
from home import routing as home_routing
from home import views as home_views
from releases import media as release_media

urlpatterns = [
    # Persian first: the bare domain always opens the Persian site.
    path("", RedirectView.as_view(url="/fa/", permanent=False)),
    # Both admins' log-in share the club's limit on failures (core/login_guard.py).
    path("admin/login/", guarded_login(WagtailLoginView.as_view())),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/login/", guarded_login(admin.site.login)),
    path("django-admin/", admin.site.urls),
    # Media and documents go through the embargo in every mode (releases/media.py);
    # nginx must never serve MEDIA_ROOT by itself.
    re_path(r"^media/(?P<path>.*)$", release_media.serve_media, name="media"),
    re_path(r"^documents/(\d+)/(.*)$", release_media.serve_document),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", home_views.sitemap, name="sitemap"),
    path("api/v1/", include("config.api_urls")),
]

# Each app's own views (feeds, downloads, forms) live under the language prefix,
# before Wagtail's catch-all page route.
urlpatterns += i18n_patterns(
    path("", include("sitesearch.urls")),
    path("", include("releases.urls")),
    path("", include("indicators.urls")),
    path("", include("publications.urls")),
    path("", include("catalog.urls")),
    path("", include("researchers.urls")),
    path("", include("surveys.urls")),
    path("", include("alerts.urls")),
    # Wagtail's own routes, its page view replaced by one that routes a URL in one
    # query (home/routing.py; the same pages, 404s, hooks and view restrictions).
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, home_routing.serve, name="wagtail_serve"),
    prefix_default_language=True,
)
