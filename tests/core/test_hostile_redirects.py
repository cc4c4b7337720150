"""No open redirect through `next` after a membership decision."""

import pytest

from tests.builders.catalog import researcher

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/phish", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "https:evil.example"],
)
def test_membership_decision_never_redirects_off_site(admin_client, home_pages, target):
    res = researcher(approved=False)
    r = admin_client.post(f"/admin/researchers/members/{res.pk}/decide/", {"decision": "approve", "next": target})
    assert r.status_code == 302
    assert r["Location"] == "/admin/researchers/members/"
    res.refresh_from_db()
    assert res.status == "approved"  # the decision itself is kept


def test_membership_decision_follows_a_local_next(admin_client, home_pages):
    res = researcher(approved=False)
    data = {"decision": "reject", "next": "/admin/researchers/members/?p=2"}
    r = admin_client.post(f"/admin/researchers/members/{res.pk}/decide/", data)
    assert r["Location"] == "/admin/researchers/members/?p=2"
