"""Django's minimum-length password rule, speaking Persian.

Django 6 rewrote this rule's messages ("%d"), and the Persian catalogue it ships
still holds the old ones, so the refusal came out in English on Persian pages.
Here the messages are the site's own (translated in locale/fa), with the number
in the reader's digits."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from iran.templatetags.iran import local_digits


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(self.get_error_message(), code="password_too_short")

    def get_error_message(self):
        return ngettext(
            "This password is too short. It must contain at least %(min_length)s character.",
            "This password is too short. It must contain at least %(min_length)s characters.",
            self.min_length,
        ) % {"min_length": local_digits(self.min_length)}

    def get_help_text(self):
        return ngettext(
            "Your password must contain at least %(min_length)s character.",
            "Your password must contain at least %(min_length)s characters.",
            self.min_length,
        ) % {"min_length": local_digits(self.min_length)}
