"""The publications listing, citations and the home page's publications."""

import datetime as dt
import io

import pytest
from django.utils import timezone

from publications.enums import YearbookScope
from publications.models import YearbookPage
from tests.builders.publications import (
    bulletin,
    release_entry,
    yearbook,
)
from tests.publications.helpers import yearbook_with_table


def test_listing_filters_by_type_topic_organisation_and_year(world, client):
    bulletin(world.index, title="ماهنامه اسفند", slug="b1", release=world.release, topic="labour_market")
    bulletin(
        world.index,
        title="ماهنامه قدیمی",
        slug="b2",
        reference_period="1401-05",
        release=world.release,
        organisation="SSO",
    )
    yearbook(world.index, release=world.release, topic="social_security")
    html = client.get(world.index.url).content.decode()
    assert "ماهنامه اسفند" in html and "سالنامه آماری ۱۴۰۲" in html
    html = client.get(world.index.url + "?kind=yearbook").content.decode()
    assert "سالنامه آماری ۱۴۰۲" in html and "ماهنامه اسفند" not in html
    html = client.get(world.index.url + "?year=۱۴۰۱").content.decode()
    assert "ماهنامه قدیمی" in html and "ماهنامه اسفند" not in html
    html = client.get(world.index.url + "?organisation=SSO&topic=labour_market").content.decode()
    assert "ماهنامه قدیمی" not in html and "ماهنامه اسفند" not in html
    response = client.get(world.index.url + "?kind=nonsense&year=1403-13")
    assert response.status_code == 200 and "nonsense" in response.content.decode()


def test_each_publication_shows_how_to_cite_it(world, client):
    page = bulletin(world.index, title="ماهنامه آماری", release=world.release)
    html = client.get(page.url).content.decode()
    assert "نحوهٔ استناد" in html or "How to cite" in html
    assert "وزارت تعاون، کار و رفاه اجتماعی" in page.citation() and "ماهنامه آماری" in page.citation()
    assert "Ministry of Cooperatives" in page.citation("en")


def test_home_page_lists_the_latest_released_publications_only(world, client):
    bulletin(world.index, title="ماهنامه منتشرشده", slug="pub", release=world.release)
    bulletin(
        world.index,
        title="ماهنامه آینده",
        slug="fut",
        release=release_entry(world.home, at=timezone.now() + dt.timedelta(days=1)),
    )
    html = client.get("/fa/").content.decode()
    assert "ماهنامه منتشرشده" in html and "ماهنامه آینده" not in html


def test_generate_yearbooks_command(world):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    yb, _chapter = yearbook_with_table(world)
    out = io.StringIO()
    call_command("generate_yearbooks", str(yb.pk), "--organisation", "SSO", stdout=out)
    assert "created" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("generate_yearbooks", "999999")


def test_admin_buttons_and_forms_for_generation_and_corrections(world, admin_user):
    from django.test import Client

    admin = Client()
    admin.force_login(admin_user)
    yb, chapter = yearbook_with_table(world)
    edit = admin.get(f"/admin/pages/{yb.pk}/edit/").content.decode()
    assert f"/admin/publications/yearbook/{yb.pk}/generate/" in edit
    assert f"/admin/publications/page/{yb.pk}/correction/" in edit
    form = admin.get(f"/admin/publications/yearbook/{yb.pk}/generate/")
    assert form.status_code == 200 and 'name="target"' in form.content.decode()
    # a chapter is not a national yearbook: no generation, back to its editor with a message
    assert admin.get(f"/admin/publications/yearbook/{chapter.pk}/generate/").status_code == 302
    form = admin.get(f"/admin/publications/page/{chapter.pk}/correction/")
    assert form.status_code == 200 and 'name="text"' in form.content.decode()
    # an organisation yearbook needs its organisation
    response = admin.post(f"/admin/publications/yearbook/{yb.pk}/generate/", {"target": "organisation"})
    assert response.status_code == 200 and not YearbookPage.objects.filter(scope=YearbookScope.ORGANISATION).exists()


def test_downloads_of_a_page_under_an_unpublished_parent_are_404(world, client):
    _yb, chapter = yearbook_with_table(world)
    world.index.unpublish()
    assert client.get(f"/fa/publications/data/{chapter.pk}/tbl-1.csv").status_code == 404
