"""Downloads of data files: granted files by token, open and public-use files by
their id. Every request is checked and logged (DownloadLog)."""

from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from catalog.enums import AccessLevel
from catalog.models import DataFile
from core.client_ip import client_ip
from core.storage import private_file_response

from ..enums import ApplicationStatus
from ..models import DownloadLog, Grant
from .member import researcher_of


def _log_download(request, reason, grant=None, data_file=None):
    return DownloadLog.objects.create(
        user=request.user if request.user.is_authenticated else None,
        grant=grant,
        data_file=data_file or (grant.data_file if grant else None),
        ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        path=request.path[:300],
        succeeded=reason == DownloadLog.Reason.OK,
        reason=reason,
    )


def _refuse(request, reason, grant=None, data_file=None, status=403):
    _log_download(request, reason, grant=grant, data_file=data_file)
    messages_for = {
        DownloadLog.Reason.NOT_LOGGED_IN: _("Log in to download files."),
        DownloadLog.Reason.UNKNOWN: _("This download link is not valid."),
        DownloadLog.Reason.NOT_OWNER: _("This download link is not valid."),
        DownloadLog.Reason.NOT_APPROVED: _("The application behind this link is not approved."),
        DownloadLog.Reason.EXPIRED: _("Your access to this file has expired."),
        DownloadLog.Reason.LIMIT: _("You have used all the downloads allowed for this file."),
        DownloadLog.Reason.REVOKED: _("Access to this file was withdrawn."),
        DownloadLog.Reason.NOT_MEMBER: _("This file is for approved members of the researchers club."),
        DownloadLog.Reason.MISSING: _("The file is not available right now; please tell the data team."),
    }
    return render(
        request, "researchers/download_refused.html", {"message": messages_for.get(reason, "")}, status=status
    )


def _stream(data_file):
    return private_file_response(data_file.file, data_file.filename)


def download(request, token):
    """A granted file. Every request is checked and logged; the token alone is not enough."""
    if not request.user.is_authenticated:
        _log_download(request, DownloadLog.Reason.NOT_LOGGED_IN)
        return redirect(f"{reverse('researchers:login')}?next={request.path}")
    token = str(token)[:64]
    with transaction.atomic():
        grant = (
            Grant.objects.select_for_update()
            .select_related("application__researcher", "data_file")
            .filter(token=token)
            .first()
        )
        if grant is None:
            return _refuse(request, DownloadLog.Reason.UNKNOWN, status=404)
        if grant.application.researcher.user_id != request.user.pk:
            # Someone else's link: as good as unknown to them.
            return _refuse(request, DownloadLog.Reason.NOT_OWNER, grant=grant, status=404)
        if grant.revoked_at:
            return _refuse(request, DownloadLog.Reason.REVOKED, grant=grant)
        if grant.application.status != ApplicationStatus.APPROVED:
            reason = (
                DownloadLog.Reason.EXPIRED
                if grant.application.status == ApplicationStatus.EXPIRED
                else DownloadLog.Reason.NOT_APPROVED
            )
            return _refuse(request, reason, grant=grant)
        if not grant.application.researcher.is_member:
            return _refuse(request, DownloadLog.Reason.NOT_MEMBER, grant=grant)
        if grant.is_expired():
            return _refuse(request, DownloadLog.Reason.EXPIRED, grant=grant)
        if grant.downloads_used >= grant.download_limit:
            return _refuse(request, DownloadLog.Reason.LIMIT, grant=grant, status=429)
        if not grant.data_file.file or not grant.data_file.file.storage.exists(grant.data_file.file.name):
            return _refuse(request, DownloadLog.Reason.MISSING, grant=grant, status=503)
        _log_download(request, DownloadLog.Reason.OK, grant=grant)
    return _stream(grant.data_file)


def open_file(request, file_uuid):
    """Files of open datasets (anyone) and public-use files (approved members).
    Licensed and enclave files are never served here (404)."""
    data_file = DataFile.open_or_404(file_uuid)
    if data_file.access_level == AccessLevel.PUBLIC_USE:
        researcher = researcher_of(request)
        if not request.user.is_authenticated:
            _log_download(request, DownloadLog.Reason.NOT_LOGGED_IN, data_file=data_file)
            return redirect(f"{reverse('researchers:login')}?next={request.path}")
        if researcher is None or not researcher.is_member:
            return _refuse(request, DownloadLog.Reason.NOT_MEMBER, data_file=data_file)
    if not data_file.file.storage.exists(data_file.file.name):
        return _refuse(request, DownloadLog.Reason.MISSING, data_file=data_file, status=503)
    _log_download(request, DownloadLog.Reason.OK, data_file=data_file)
    return _stream(data_file)
