from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The kernel every app may use: it has template tags (`{% load bilingual %}`), no models."""

    name = "core"
    label = "core"
    verbose_name = "Core"
