"""django-ratelimit with the site's polite 429 (settings.RATELIMIT_VIEW) and a
logged SecurityEvent. The foundation has no RatelimitMiddleware, so the
exception is turned into the 429 page here."""

from functools import wraps

from django.conf import settings
from django.utils.module_loading import import_string
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited

from .models import SecurityEvent, log_security_event


def limited(**options):
    def decorator(view):
        checked = ratelimit(block=True, **options)(view)

        @wraps(view)
        def inner(request, *args, **kwargs):
            try:
                return checked(request, *args, **kwargs)
            except Ratelimited as exc:
                log_security_event(request, SecurityEvent.Kind.RATE_LIMITED, detail=options.get("key", ""))
                return import_string(settings.RATELIMIT_VIEW)(request, exc)

        return inner

    return decorator
