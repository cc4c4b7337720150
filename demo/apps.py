from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content (`manage.py load_demo`): never imported by the site itself."""

    name = "demo"
    label = "demo"
    verbose_name = "Demo content"
