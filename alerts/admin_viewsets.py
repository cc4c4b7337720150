"""Alert subscribers and the release notices sent, in the Wagtail admin, read only.

Operators need to see how many people follow the calendar, in which language and
for what, and whether each release's notice went out. They have no business
changing a subscription (only its owner may, through the link in every email) or
reading whole addresses, so the listing shows masked emails and offers no add,
edit or delete, to superusers either. Seeing it needs the model's view permission."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import ReleaseNotice, Subscriber


class ViewOnlyPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action == "view"])


class SubscriberFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Subscriber.Status.choices, method="filter_status", empty_label=_("All")
    )

    class Meta:
        model = Subscriber
        fields = ["status", "language", "weekly_digest"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(Subscriber.STATUS_FILTERS[value])


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    name = "alert_subscribers"
    icon = "mail"
    menu_label = _("Subscribers")
    list_display = [
        Column("masked_email", label=_("email")), Column("status", label=_("Status")), "language", "weekly_digest",
        "created_at",
    ]  # fmt: skip
    filterset_class = SubscriberFilterSet
    inspect_view_enabled = True
    inspect_view_fields = [
        "language", "topics", "kinds", "organisations", "weekly_digest", "created_at", "confirmed_at",
        "unsubscribed_at", "anonymised_at",
    ]  # fmt: skip
    copy_view_enabled = False
    exclude_form_fields = ["token"]  # required by the viewset; its add and edit views are refused
    ordering = ["-created_at"]


class ReleaseNoticeViewSet(ModelViewSet):
    model = ReleaseNotice
    name = "release_notices"
    icon = "list-ul"
    menu_label = _("Release notices sent")
    list_display = [Column("release_title", label=_("Release")), "queued_at", "finished_at", "sent"]
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields = ["translation_key"]  # required by the viewset; add and edit are refused
    ordering = ["-queued_at"]


class AlertsGroup(ModelViewSetGroup):
    items = (SubscriberViewSet, ReleaseNoticeViewSet)
    menu_label = _("Release alerts")
    menu_icon = "mail"
    menu_order = 700


for model in (Subscriber, ReleaseNotice):
    register_permission_policy(model, ViewOnlyPolicy(model))
