from django.db import models
from django.utils.translation import gettext_lazy as _

from releases.enums import ReleaseKind

# The release series an indicator belongs to is a kind of calendar entry.
ReleaseSeries = ReleaseKind


class PeriodicityChoice(models.IntegerChoices):
    """Values equal iran.periods.Periodicity (periods per year)."""

    YEAR = 1, _("Yearly")
    QUARTER = 4, _("Quarterly")
    MONTH = 12, _("Monthly")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    VALIDATED = "validated", _("Checked, ready to confirm")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


class Flag(models.TextChoices):
    PROVISIONAL = "provisional", _("Provisional")
    REVISED = "revised", _("Revised")
    ESTIMATED = "estimated", _("Estimated")
    BREAK = "break", _("Break in series")
    SUPPRESSED = "suppressed", _("Suppressed (too few units)")


FLAGS = [f.value for f in Flag]

# The symbol printed beside a value carrying the flag (as in national statistics offices).
FLAG_SYMBOLS = {
    Flag.PROVISIONAL: "p",
    Flag.REVISED: "r",
    Flag.ESTIMATED: "e",
    Flag.BREAK: "b",
    Flag.SUPPRESSED: "..",
}
