"""python manage.py import_table FILE --indicator CODE [--release ID] [--sheet NAME] [--dry-run]

Exit codes: 0 imported (or checked, with --dry-run); 1 the file has errors
(nothing changed; the report says what and how to fix it); 2 bad arguments."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from indicators.importer import run_import
from indicators.models import ImportBatch, Indicator
from releases.models import ReleasePage


class Command(BaseCommand):
    help = "Import a warehouse table (CSV or XLSX, tidy long form) into an indicator's observations."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--indicator", required=True, help="the indicator's code")
        parser.add_argument("--release", type=int, help="id of the release calendar entry that makes it public")
        parser.add_argument("--sheet", default="", help="the XLSX sheet to read (when there are several)")
        parser.add_argument("--dry-run", action="store_true", help="check and report, change nothing")
        parser.add_argument("--language", default="fa", choices=["fa", "en"], help="language of the report")

    def handle(self, *args, **options):

        try:
            indicator = Indicator.objects.get(code=options["indicator"])
        except Indicator.DoesNotExist:
            self.stderr.write(f"No indicator with the code {options['indicator']!r}.")
            sys.exit(2)
        release = None
        if options["release"]:
            release = ReleasePage.objects.filter(pk=options["release"]).first()
            if release is None:
                self.stderr.write(f"No release calendar entry with id {options['release']}.")
                sys.exit(2)
        try:
            open(options["file"], "rb").close()
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        batch = ImportBatch(
            indicator=indicator,
            release=release,
            original_name=options["file"].rsplit("/", 1)[-1],
            sheet=options["sheet"],
            language=options["language"],
            dry_run=options["dry_run"],
        )
        report = run_import(
            options["file"],
            indicator=indicator,
            release=release,
            sheet=options["sheet"],
            dry_run=options["dry_run"],
            language=options["language"],
            batch=batch,
        )
        with translation.override(options["language"]):
            text = report.as_text()
        if not report.ok:
            self.stderr.write(text)
            sys.exit(1)
        self.stdout.write(text)
        timings = ", ".join(f"{k} {v:.2f}s" for k, v in report.timings.items())
        self.stdout.write(f"[{'dry run' if options['dry_run'] else 'written'}; {timings}]")
