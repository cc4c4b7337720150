"""Provincial and organisation yearbooks."""

import pytest

from publications.enums import YearbookScope
from publications.generation import generate_organisation_yearbook, generate_provincial_yearbooks
from publications.models import YearbookChapterPage, YearbookPage
from publications.store import ObservationStore
from tests.publications.helpers import yearbook_with_table


def test_generate_the_provincial_yearbooks_as_drafts(world, client, admin_user):
    from django.test import Client

    admin_client = Client()
    admin_client.force_login(admin_user)
    _yb, _chapter = yearbook_with_table(world)
    national = YearbookPage.objects.get(slug="yearbook-1402")
    response = admin_client.post(f"/admin/publications/yearbook/{national.pk}/generate/", {"target": "provinces"})
    assert response.status_code == 302
    provincial = YearbookPage.objects.filter(scope=YearbookScope.PROVINCE, source_yearbook=national)
    assert provincial.count() == 31
    assert not provincial.filter(live=True).exists()
    tehran = provincial.get(province_code="23")
    assert "استان" in tehran.title
    chapter = tehran.get_children().specific().get()
    assert isinstance(chapter, YearbookChapterPage) and not chapter.live
    # the same table, filtered to the province
    table = chapter.body[1].block.build(chapter.body[1].value, ObservationStore(), chapter.scope_filters())
    assert [code for code, _label in table.rows] == ["23"]
    assert float(table.cells[0][2].value) == 450
    assert client.get(f"/fa/publications/data/{chapter.pk}/tbl-1.csv").status_code == 404  # a draft is not public
    preview = admin_client.get(f"/fa/publications/data/{chapter.pk}/tbl-1.csv").content.decode("utf-8-sig")
    assert "تهران,…,400,450" in preview and "فارس" not in preview
    again = generate_provincial_yearbooks(national, user=admin_user)
    assert len(again.created) == 0 and len(again.existing) == 31


def test_generate_an_organisation_yearbook_and_refuse_a_non_national_one(world, admin_user):
    _yb, _chapter = yearbook_with_table(world)
    national = YearbookPage.objects.get(slug="yearbook-1402")
    page, created = generate_organisation_yearbook(national, "SSO", user=admin_user)
    assert created and page.scope == YearbookScope.ORGANISATION and not page.live
    # the insured indicator has no organisation dimension: the table says so instead of national figures
    chapter = page.get_children().specific().get()
    table = chapter.body[1].block.build(chapter.body[1].value, ObservationStore(), chapter.scope_filters())
    assert table.unavailable and not table.cells
    from publications.generation import GenerationError

    with pytest.raises(GenerationError):
        generate_provincial_yearbooks(page, user=admin_user)
