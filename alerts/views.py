"""Subscribe (double opt-in by a signed link), manage, and one-click unsubscribe.

The answer to a subscription is the same whether or not the address is known,
so the form does not tell anyone who subscribes."""

from django.core import signing
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.decorators import ratelimit

from core.language import current_language
from core.taxonomy import topic_code

from .forms import ChoicesForm, SubscribeForm
from .models import Subscriber
from .sending import base_url, message

CONFIRM_SALT = "alerts.confirm"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def _message(request, title, text, status=200, link=None):
    return render(request, "alerts/message.html", {"title": title, "text": text, "link": link}, status=status)


def _initial(request):
    get = request.GET
    return {
        "indicators": get.getlist("indicator"),
        "topics": [topic_code(t) or t for t in get.getlist("topic")],
        "weekly_digest": True,
    }


@ratelimit(key="ip", rate="10/h", method="POST", block=True)
def subscribe(request):
    form = SubscribeForm(request.POST or None, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        subscriber = Subscriber.objects.filter(email=email).first()
        lang = current_language()
        if subscriber is None or not subscriber.confirmed_at:
            subscriber = subscriber or Subscriber(email=email)
            subscriber.language = lang
            form.apply(subscriber)
            signed = signing.dumps(subscriber.pk, salt=CONFIRM_SALT)
            url = base_url() + f"/{lang}/alerts/confirm/{signed}/"
            subject = _("Confirm your release alerts")
            message(email, lang, subscriber.token, subject, "alerts/email/confirm.txt", {"confirm_url": url}).send()
        else:
            # Known address: never change its choices from an unauthenticated form; send the manage link.
            subject = _("Your release alerts")
            message(email, subscriber.language, subscriber.token, subject, "alerts/email/already.txt", {}).send()
        return _message(
            request,
            _("Check your inbox"),
            _("We have sent a link to %(email)s. Your alerts start when you open it (within 7 days).")
            % {"email": email},
        )
    status = 400 if request.method == "POST" else 200
    return render(request, "alerts/form.html", {"form": form, "manage": False}, status=status)


def confirm(request, signed):
    try:
        pk = signing.loads(signed, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        return _message(request, _("Link expired"), _("This link is older than 7 days; subscribe again."), 400)
    except signing.BadSignature:
        return _message(request, _("Link not valid"), _("This confirmation link is not valid."), 400)
    subscriber = Subscriber.objects.filter(pk=pk, email__isnull=False).first()
    if subscriber is None:
        return _message(request, _("Link not valid"), _("This confirmation link is not valid."), 400)
    if not subscriber.confirmed_at or subscriber.unsubscribed_at:
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])
    manage_url = f"/{current_language()}/alerts/manage/{subscriber.token}/"
    return _message(
        request,
        _("Your alerts are on"),
        _("You will get an email at the minute each release you chose is published."),
        link=(manage_url, _("Change what you get")),
    )


def manage(request, token):
    subscriber = get_object_or_404(Subscriber, token=token, email__isnull=False)
    initial = {
        "indicators": [i.code for i in subscriber.indicators.all()],
        "topics": subscriber.topic_list(),
        "kinds": subscriber.kind_list(),
        "organisations": subscriber.organisation_list(),
        "weekly_digest": subscriber.weekly_digest,
    }
    form = ChoicesForm(request.POST or None, initial=initial)
    saved = False
    if request.method == "POST" and form.is_valid():
        form.apply(subscriber)
        saved = True
    status = 400 if request.method == "POST" and not saved else 200
    context = {"form": form, "manage": True, "saved": saved, "subscriber": subscriber}
    return render(request, "alerts/form.html", context, status=status)


@csrf_exempt  # RFC 8058 one-click: the mail client POSTs without a form token; the URL's token is the secret
def unsubscribe(request, token):
    subscriber = get_object_or_404(Subscriber, token=token)
    if request.method == "POST":
        if not subscriber.unsubscribed_at:
            subscriber.unsubscribed_at = timezone.now()
            subscriber.save(update_fields=["unsubscribed_at"])
        return _message(request, _("You are unsubscribed"), _("You will get no more release alerts from us."))
    return render(request, "alerts/unsubscribe.html", {"subscriber": subscriber})
