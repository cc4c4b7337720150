"""One limit on failed log-ins for every login form of the site: the Wagtail
admin, the Django admin and the researchers club.

Built on django-ratelimit (already used for the site's other limits, its counts
live in the shared cache, no new tables or middleware): failures are counted per
normalised account (case-folded, stripped, NFKC) and per visitor address
(core.client_ip), in one group, so the three forms share the counts and changing
the case of an email does not open a new bucket. Only failures count; a refused
attempt gets the site's polite 429, which says nothing about the password."""

import logging
import unicodedata
from functools import wraps

from django.conf import settings
from django.utils.module_loading import import_string
from django_ratelimit.core import get_usage
from django_ratelimit.exceptions import Ratelimited

from .client_ip import client_ip

logger = logging.getLogger("security")

GROUP = "login"
ACCOUNT_RATE = "10/15m"  # failed log-ins per account, whichever form and address
ADDRESS_RATE = "30/15m"  # failed log-ins per address, whichever accounts


def normalise_account(value) -> str:
    return unicodedata.normalize("NFKC", str(value or "")).strip().casefold()


def _account_key(group, request):
    return "account:" + normalise_account(request.POST.get("username"))


def _over_limit(request, increment):
    over = False
    for key, rate in ((_account_key, ACCOUNT_RATE), ("ip", ADDRESS_RATE)):
        usage = get_usage(request, group=GROUP, key=key, rate=rate, method="POST", increment=increment)
        over = over or (usage is not None and usage["count"] >= usage["limit"])
    return over


def guarded_login(view):
    """Wraps a login view: refuse when the account or address has failed too often;
    count the attempt when it does not log the visitor in."""

    @wraps(view)
    def inner(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        if _over_limit(request, increment=False):
            logger.warning("login refused after too many failures: %s from %s", request.path, client_ip(request))
            return import_string(settings.RATELIMIT_VIEW)(request, Ratelimited())
        response = view(request, *args, **kwargs)
        if not request.user.is_authenticated:
            _over_limit(request, increment=True)
            logger.info("failed login at %s from %s", request.path, client_ip(request))
        return response

    return inner
