"""A grant works until the second before its expiry and never at or after it."""

import datetime as dt

import pytest
import time_machine

from researchers.models import DownloadLog
from tests.builders.catalog import application, approve, dataset, researcher, reviewer

pytestmark = pytest.mark.django_db


def test_the_expiry_boundary_to_the_second(client, home_pages):
    res = researcher()
    grant = approve(application(res, dataset()), reviewer(), days=30, limit=5)
    url = f"/en/researchers/downloads/{grant.token}/"
    with time_machine.travel(grant.expires_at - dt.timedelta(seconds=1), tick=False):
        client.force_login(res.user)  # a fresh session at that moment
        assert not grant.is_expired()
        served = client.get(url)
        assert served.status_code == 200 and b"".join(served.streaming_content) == b"wage\n1\n2\n"
    for moment in (grant.expires_at, grant.expires_at + dt.timedelta(seconds=1)):
        with time_machine.travel(moment, tick=False):
            client.force_login(res.user)
            assert grant.is_expired()
            refused = client.get(url)
            assert refused.status_code == 403 and "expired" in refused.content.decode()
    logs = list(DownloadLog.objects.order_by("pk").values_list("succeeded", "reason"))
    assert logs == [(True, "ok"), (False, "expired"), (False, "expired")]
