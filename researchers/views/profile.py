"""The member's own page: profile form, applications and grants."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ..enums import ApplicationStatus
from ..forms import ProfileForm
from ..models import Grant
from .member import researcher_of


@login_required
def profile(request):
    researcher = researcher_of(request)
    if researcher is None:
        return render(request, "researchers/not_a_member.html", status=403)
    form = ProfileForm(request.POST or None, instance=researcher)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("researchers:profile")
    applications = researcher.applications.prefetch_related("datasets").order_by("-updated_at")
    grants = (
        Grant.objects.filter(application__researcher=researcher, application__status=ApplicationStatus.APPROVED)
        .select_related("data_file__dataset", "application")
        .order_by("expires_at")
    )
    return render(
        request,
        "researchers/profile.html",
        {"researcher": researcher, "form": form, "applications": applications, "grants": grants, "now": timezone.now()},
    )
