from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    """Unit of observation (seed 004: PIN, BIN, LIN registers)."""

    PERSON = "person", _("person")
    BUSINESS = "business", _("business / workshop")
    PLACE = "place", _("place")


class AccessLevel(models.TextChoices):
    """Access levels to microdata (seed 001 art. 9), as in NADA / IHSN."""

    OPEN = "open", _("open data")
    PUBLIC_USE = "public_use", _("public-use file")
    LICENSED = "licensed", _("licensed file")
    ENCLAVE = "enclave", _("on-site data enclave")
    NOT_AVAILABLE = "not_available", _("not available")

    @classmethod
    def is_private(cls, level):
        """Files at these levels are microdata: served only under a grant."""
        return level in (cls.LICENSED, cls.ENCLAVE, cls.NOT_AVAILABLE)


ACCESS_LEVEL_HELP = {
    AccessLevel.OPEN: _("Anyone may download the files, with attribution."),
    AccessLevel.PUBLIC_USE: _("Approved members of the researchers club may download the anonymised files."),
    AccessLevel.LICENSED: _(
        "Members of the researchers club apply for access; the data exchange committee reviews each application."
    ),
    AccessLevel.ENCLAVE: _("Available only on site, in the ministry's secure data enclave."),
    AccessLevel.NOT_AVAILABLE: _("The metadata is published; the data itself is not released."),
}


class VariableType(models.TextChoices):
    NUMERIC = "numeric", _("numeric")
    CATEGORICAL = "categorical", _("categorical")
    TEXT = "text", _("text")
    DATE = "date", _("date")
    IDENTIFIER = "identifier", _("identifier")
