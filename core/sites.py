"""The request's site, as Wagtail's `Site.find_for_request` finds it, by a query
compiled once: the chrome, the router and the links of every page ask for it."""

from django.db.models import Case, IntegerField, Q, When
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import MATCH_DEFAULT, MATCH_HOSTNAME, MATCH_HOSTNAME_DEFAULT, MATCH_HOSTNAME_PORT

from core.compiled import CompiledQuery


def _sites(hostname, port):
    """The query of Wagtail's `get_site_for_hostname` (wagtail/models/sites.py)."""
    return (
        Site.objects.annotate(
            match=Case(
                When(hostname=hostname, port=port, then=MATCH_HOSTNAME_PORT),
                When(hostname=hostname, is_default_site=True, then=MATCH_HOSTNAME_DEFAULT),
                When(is_default_site=True, then=MATCH_DEFAULT),
                default=MATCH_HOSTNAME,
                output_field=IntegerField(),
            )
        )
        .filter(Q(hostname=hostname) | Q(is_default_site=True))
        .order_by("match")
        .select_related("root_page")
    )


_SITES = CompiledQuery(Site, _sites, hostname="\x00hostname\x00", port=-424242)


def find_site(request):
    """`Site.find_for_request`, its query compiled once (the sites are read on every
    request, as by Wagtail) and its choice made as Wagtail's `get_site_for_hostname`."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    if not str(port).isdigit():
        return Site.find_for_request(request)
    sites = _SITES(hostname=hostname, port=int(port))
    site = None
    if sites:
        if len(sites) == 1 or sites[0].match in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
            site = sites[0]
        elif sites[0].match == MATCH_DEFAULT:
            site = sites[len(sites) == 2]
    request._wagtail_site = site
    return site
