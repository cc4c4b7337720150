from django.core.management.base import BaseCommand

from demo import site as demo


class Command(BaseCommand):
    help = "Load the demo content (both languages, demo admin account). Safe to run again."

    def handle(self, *args, **options):
        demo.load(log=lambda message: self.stdout.write(message))
        self.stdout.write(
            self.style.SUCCESS(f"Admin: /admin/  user: {demo.DEMO_USERNAME}  password: {demo.DEMO_PASSWORD}")
        )
