"""The edit form of every page released through the calendar: only release
publishers set or change which calendar entry releases a page."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.log_actions import log

PERMISSION = "releases.manage_release_schedule"


def may_release(user) -> bool:
    """Holders of the release-schedule permission (the «Release publishers» group)."""
    return bool(user is not None and user.is_active and user.has_perm(PERMISSION))


class ReleasedContentForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        if "release" in self.fields and not may_release(self.for_user):
            chosen = cleaned.get("release")
            if getattr(chosen, "pk", None) != self.instance.release_id:
                self.add_error(
                    "release",
                    _(
                        "Only release publishers may set or change the release calendar entry of content; "
                        "ask one of them."
                    ),
                )
        return cleaned

    def save(self, commit=True):
        previous = self.instance.release_id if self.instance.pk else None
        page = super().save(commit=commit)
        if page.pk and page.release_id != previous:
            log(
                instance=page,
                action="releases.set_release",
                user=self.for_user,
                data={"previous": previous, "release": page.release_id},
            )
        return page
