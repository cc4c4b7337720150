from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import admin_views
from .enums import YearbookScope
from .models import PublicationPage, YearbookChapterPage, YearbookPage


@hooks.register("register_admin_urls")
def publications_admin_urls():
    return [
        path(
            "publications/yearbook/<int:page_id>/generate/",
            admin_views.generate_yearbooks,
            name="publications_generate",
        ),
        path(
            "publications/page/<int:page_id>/correction/",
            admin_views.add_correction,
            name="publications_add_correction",
        ),
    ]


def _buttons(page, user):
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
    national = isinstance(specific, YearbookPage) and specific.scope == YearbookScope.NATIONAL
    if national and page.get_parent().permissions_for_user(user).can_add_subpage():
        yield Button(
            _("Generate provincial / organisation yearbooks"),
            reverse("publications_generate", args=[page.pk]),
            icon_name="copy",
            priority=35,
        )
    publication = isinstance(specific, PublicationPage | YearbookChapterPage) and page.live
    if publication and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Add a correction or notice"),
            reverse("publications_add_correction", args=[page.pk]),
            icon_name="warning",
            priority=36,
        )


@hooks.register("register_page_header_buttons")
def publication_header_buttons(page, user, view_name=None, next_url=None):
    yield from _buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def publication_listing_buttons(page, user, next_url=None):
    yield from _buttons(page, user)
