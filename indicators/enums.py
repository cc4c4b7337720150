from django.db import models
from django.utils.translation import gettext_lazy as _


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
