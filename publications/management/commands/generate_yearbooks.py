"""python manage.py generate_yearbooks PAGE_ID [--organisation CODE]

Generate, from a national yearbook, the 31 provincial yearbooks (default) or
one organisation's yearbook, as drafts. The same as the admin button."""

from django.core.management.base import BaseCommand, CommandError

from publications import generation
from publications.models import YearbookPage


class Command(BaseCommand):
    help = "Generate provincial (or an organisation's) yearbooks from a national yearbook, as drafts."

    def add_arguments(self, parser):
        parser.add_argument("page_id", type=int, help="The national yearbook's page id")
        parser.add_argument("--organisation", default="", help="An organisation code, e.g. SSO")

    def handle(self, page_id, organisation, **options):
        national = YearbookPage.objects.filter(pk=page_id).first()
        if national is None:
            raise CommandError(f"No yearbook with id {page_id}")
        try:
            if organisation:
                page, created = generation.generate_organisation_yearbook(national, organisation)
                self.stdout.write(f"{'created' if created else 'exists'}: {page.title} (id {page.pk})")
            else:
                result = generation.generate_provincial_yearbooks(national)
                self.stdout.write(f"created {len(result.created)}, already there {len(result.existing)}")
        except generation.GenerationError as exc:
            raise CommandError(str(exc)) from exc
