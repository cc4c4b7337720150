from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _


def notify_membership(researcher):
    if not researcher.user.email or researcher.anonymised_at:
        return
    parts = []
    for lang in ("fa", "en"):
        with translation.override(lang):
            parts.append(render_to_string("researchers/email/membership.txt", {"researcher": researcher}))
    with translation.override("fa"):
        subject = _("Your membership of the researchers club")
    send_mail(subject, "\n\n-----\n\n".join(parts), None, [researcher.user.email])
