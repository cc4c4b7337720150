from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from core.admin_menu import PermissionMenuItem

from . import admin_views

admin_urls = (
    [
        path("", admin_views.queue, name="queue"),
        path("<int:pk>/", admin_views.review, name="review"),
        path("members/", admin_views.members, name="members"),
        path("members/<int:pk>/decide/", admin_views.decide_member, name="decide_member"),
        path("downloads/", admin_views.download_log, name="download_log"),
    ],
    "researchers_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("researchers/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_menu():
    menu = Menu(
        items=[
            PermissionMenuItem(
                _("Access applications"),
                reverse("researchers_admin:queue"),
                icon_name="form",
                perms=["researchers.review_application"],
                order=1,
            ),
            PermissionMenuItem(
                _("Club members"),
                reverse("researchers_admin:members"),
                icon_name="group",
                perms=["researchers.decide_membership", "researchers.view_researcher"],
                order=2,
            ),
            PermissionMenuItem(
                _("Download log"),
                reverse("researchers_admin:download_log"),
                icon_name="download",
                perms=["researchers.review_application"],
                order=3,
            ),
        ]
    )
    # A submenu is shown only when one of its items is (Wagtail's SubmenuMenuItem).
    return SubmenuMenuItem(_("Researchers club"), menu, icon_name="user", order=260)
