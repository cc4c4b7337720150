"""Wagtail hooks: the embargo on every page and document, guards against
deleting or unpublishing the record, the admin overview and the publisher's
actions, snippets for series and holidays."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .content_forms import may_release
from .embargo import is_file_held, is_page_embargoed, page_is_visible
from .enums import ReleaseStatus
from .media import may_see_embargoed
from .mixins import ReleasedContentMixin
from .models import Holiday, ReleasePage, ReleaseSeries
from .signoff import coming_releases


# --- the embargo ----------------------------------------------------------------
@hooks.register("before_serve_page")
def hold_embargoed_pages(page, request, serve_args, serve_kwargs):
    """A page that waits for a release, or lives below one, is a 404 for anyone
    who may not edit it: the same answer as a page that does not exist."""
    if not page_is_visible(page, getattr(request, "user", None), request=request):
        raise Http404


@hooks.register("before_publish_page")
def only_release_publishers_publish_embargoed_content(request, page):
    """Publishing content whose calendar entry is not public yet is a release
    decision: only release publishers take it, and only through the two-person
    sign-off (signoff.py), never by «Publish». The draft is kept."""
    specific = page.specific_deferred
    if not isinstance(specific, ReleasedContentMixin) or not is_page_embargoed(specific):
        return None
    if not may_release(request.user):
        messages.error(
            request,
            _(
                "Only release publishers may publish content whose release has not happened yet; "
                "your changes are saved as a draft."
            ),
        )
    else:
        messages.error(
            request,
            _(
                "Content for a coming release goes out only after someone other than its last editor "
                "approves it: submit it to the release sign-off. Your changes are saved as a draft."
            ),
        )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_serve_document")
def hold_embargoed_documents(document, request):
    """Asked by the document's stored name, like every media file."""
    if may_see_embargoed(getattr(request, "user", None)):
        return None
    if is_file_held(document.file.name):
        raise Http404


# --- the record stays ---------------------------------------------------------------
def _final_entries(page):
    pages = page.get_descendants(inclusive=True).type(ReleasePage)
    return ReleasePage.objects.filter(
        pk__in=pages.values("pk"), status__in=[ReleaseStatus.PUBLISHED, ReleaseStatus.CANCELLED]
    )


@hooks.register("before_delete_page")
def refuse_deleting_the_record(request, page):
    if _final_entries(page).exists():
        messages.error(request, _("Published or cancelled release calendar entries cannot be deleted."))
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_unpublish_page")
def refuse_unpublishing_the_record(request, page):
    if _final_entries(page).exists():
        messages.error(request, _("Published or cancelled release calendar entries cannot be unpublished."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_removal(request, action_type, objects, action_class_instance):
    if action_type == "publish":
        for obj in objects:
            specific = getattr(obj, "specific_deferred", obj)
            if isinstance(specific, ReleasedContentMixin) and is_page_embargoed(specific):
                messages.error(request, _("Content for a coming release goes out only through the release sign-off."))
                return redirect("wagtailadmin_explore_root")
    if action_type in ("delete", "unpublish"):
        for obj in objects:
            if hasattr(obj, "get_descendants") and _final_entries(obj).exists():
                messages.error(request, _("Published or cancelled release calendar entries cannot be removed."))
                return redirect("wagtailadmin_explore_root")
    return None


# --- the editors' overview and the publisher's actions --------------------------------
@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", admin_views.overview, name="overview"),
        path("<int:pk>/confirm/", admin_views.confirm, name="confirm"),
        path("<int:pk>/move/", admin_views.move, name="move"),
        path("<int:pk>/cancel/", admin_views.cancel, name="cancel"),
    ]
    return [path("releases/", include((urls, "releases_admin"), namespace="releases_admin"))]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return MenuItem(_("Release calendar"), reverse("releases_admin:overview"), icon_name="date", order=150)


class ReleasesPanel(Component):
    """This month's and next month's releases, and any late one, on the admin home."""

    name = "releases"
    template_name = "releases/admin/home_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(admin_views.overview_context(parent_context["request"]))
        return context


class ReadinessPanel(Component):
    """Each coming release and the sign-off state of everything attached to it."""

    name = "release_readiness"
    template_name = "releases/admin/readiness_panel.html"
    order = 51

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["coming"] = coming_releases()
        return context


@hooks.register("construct_homepage_panels")
def add_releases_panel(request, panels):
    panels.append(ReleasesPanel())
    if may_release(request.user):
        panels.append(ReadinessPanel())


def _schedule_buttons(page, user):
    """The same actions as the status panel (panels.py), also in the page's header menu."""
    from .panels import schedule_actions

    if not isinstance(page.specific_deferred, ReleasePage):
        return []
    actions = schedule_actions(page.specific_deferred, user)
    return [
        Button(label, url, priority=10 * n, icon_name=icon) for n, (label, url, icon) in enumerate(actions, start=1)
    ]


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name=None, next_url=None):
    return _schedule_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def page_listing_buttons(page, user, next_url=None):
    return _schedule_buttons(page, user)


# --- every new entry gets its English version (translations.py) -----------------------
@hooks.register("after_create_page")
def english_version_of_new_entry(request, page):
    from .translations import ensure_english

    if isinstance(page.specific_deferred, ReleasePage):
        ensure_english(page, user=request.user)


@hooks.register("after_publish_page")
def publish_english_version_of_entry(request, page):
    from .translations import publish_english

    if isinstance(page.specific_deferred, ReleasePage):
        publish_english(page, user=request.user)


# --- snippets ---------------------------------------------------------------------------
class ReleaseSeriesViewSet(SnippetViewSet):
    model = ReleaseSeries
    icon = "repeat"
    menu_label = _("Release series")
    list_display = ["title", "kind", "frequency", "day", "holiday_shift", "active"]
    add_to_admin_menu = False


class HolidayViewSet(SnippetViewSet):
    model = Holiday
    icon = "calendar"
    menu_label = _("Official holidays")
    list_display = ["date", "name"]
    add_to_admin_menu = False


register_snippet(ReleaseSeriesViewSet)
register_snippet(HolidayViewSet)


# --- the audit log: every embargo-relevant change, with who and when ---------------------
LOG_ACTIONS = {
    "releases.confirm": (_("Confirm release"), _("Confirmed the release")),
    "releases.move": (_("Change release date"), _("Moved the release minute")),
    "releases.cancel": (_("Cancel release"), _("Cancelled the release")),
    "releases.release": (_("Release"), _("Released at its minute")),
    "releases.set_release": (_("Set release entry"), _("Set or changed the release calendar entry")),
    "releases.signoff": (_("Release sign-off"), _("Approved for release (second person)")),
    "releases.flagged": (_("Unapproved items flagged"), _("Release publishers told what is not yet approved")),
}


@hooks.register("register_log_actions")
def register_release_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)
