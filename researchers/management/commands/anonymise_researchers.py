from django.core.management.base import BaseCommand

from researchers.retention import anonymise_due, retention_months


class Command(BaseCommand):
    help = (
        "Anonymise rejected and inactive researcher accounts older than "
        "settings.RESEARCHERS_RETENTION_MONTHS months (personal data removed, rows for the logs kept)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count the accounts.")
        parser.add_argument("--months", type=int, help="Override the retention setting.")

    def handle(self, *args, **options):
        months = options["months"] or retention_months()
        done = anonymise_due(months=months, dry_run=options["dry_run"])
        verb = "would anonymise" if options["dry_run"] else "anonymised"
        self.stdout.write(f"{verb} {len(done)} account(s) (retention {months} months)")
