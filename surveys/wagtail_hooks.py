from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from core.admin_menu import PermissionMenuItem

from . import admin_views
from .models import SurveyPage

admin_urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<int:pk>/", admin_views.survey_detail, name="detail"),
    path("<int:pk>/export.<str:fmt>", admin_views.survey_export, name="export"),
    path("feedback/", admin_views.feedback, name="feedback"),
    path("feedback/export.<str:fmt>", admin_views.feedback_export, name="feedback_export"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("survey-results/", include((admin_urlpatterns, "surveys_admin"), namespace="surveys_admin"))]


@hooks.register("register_admin_menu_item")
def register_results_menu_item():
    return PermissionMenuItem(
        _("Survey results"),
        reverse("surveys_admin:index"),
        perms=admin_views.PERMISSION,
        icon_name="list-ul",
        order=850,
        name="survey-results",
    )


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(content_type__app_label="surveys", codename="view_results")


def _results_button(page, user, priority):
    if page.specific_class is SurveyPage and user.has_perm(admin_views.PERMISSION):
        yield Button(
            _("Results"), reverse("surveys_admin:detail", args=[page.pk]), icon_name="list-ul", priority=priority
        )


@hooks.register("register_page_listing_more_buttons")
def survey_results_listing_button(page, user, next_url=None):
    yield from _results_button(page, user, 45)


@hooks.register("register_page_header_buttons")
def survey_results_header_button(page, user, view_name, next_url=None):
    yield from _results_button(page, user, 68)
