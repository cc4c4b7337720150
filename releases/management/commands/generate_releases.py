"""Generate each active series' entries at least 12 months ahead.

Run daily in production (a systemd timer or cron; see docs/releases.md); it is
idempotent: entries that exist are left as editors made them."""

from django.core.management.base import BaseCommand
from wagtail.models import Locale

from releases.models import ReleaseCalendarPage, ReleaseSeries
from releases.series import generate


class Command(BaseCommand):
    help = "Create the missing provisional entries of every active release series."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=None, help="Months ahead (default: each series' own).")

    def handle(self, *args, months=None, **options):
        from core.translation import translate

        fa = Locale.objects.get(language_code="fa")
        calendar = ReleaseCalendarPage.objects.filter(locale=fa).first()
        if calendar is None:
            self.stderr.write("No Persian release calendar page: create one first.")
            return
        has_en = calendar.get_translations().filter(locale__language_code="en").exists()
        total = 0
        for series in ReleaseSeries.objects.filter(active=True):
            created = generate(series, calendar, months=months, translate_to=translate if has_en else None)
            total += len(created)
            self.stdout.write(f"{series.title_en}: {len(created)} new entr{'y' if len(created) == 1 else 'ies'}")
        self.stdout.write(f"{total} entries created")
