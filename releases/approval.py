"""The two-person approval itself: the Wagtail workflow task that the content's
last editor may not complete, and the «Release sign-off» workflow that uses it.
A model (registered through models.py) and used by the released-content mixin,
so it imports nothing of the calendar; readiness reports and the 24-hour flag
are in signoff.py."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import GroupApprovalTask, Workflow

WORKFLOW_NAME = "Release sign-off"


def last_editor_id(obj):
    revision = getattr(obj, "latest_revision", None) or obj.get_latest_revision()
    return getattr(revision, "user_id", None)


class TwoPersonApprovalTask(GroupApprovalTask):
    """Group approval that the content's last editor may not give."""

    class Meta:
        app_label = "releases"
        verbose_name = _("two-person release approval")
        verbose_name_plural = _("two-person release approvals")

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if user.pk is not None and user.pk == last_editor_id(obj):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.revision.as_object() if task_state.revision_id else task_state.workflow_state.content_object
        if action_name == "approve":
            author = task_state.revision.user_id if task_state.revision_id else last_editor_id(obj)
            if user.pk is not None and user.pk == author:
                raise PermissionDenied(_("Someone other than the content's last editor must approve it for release."))
        super().on_action(task_state, user, action_name, **kwargs)
        if action_name == "approve":
            log(
                instance=task_state.workflow_state.content_object,
                action="releases.signoff",
                user=user,
                data={"revision": task_state.revision_id, "editor": author},
            )

    @classmethod
    def get_description(cls):
        return _("A release publisher other than the last editor approves content for its release")


def signoff_workflow():
    return Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
