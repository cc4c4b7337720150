"""Code lists, codes and identity cards are edited in the Wagtail admin
(indicators/viewsets_*.py), with django-import-export's bulk files reachable
from its listings; the gated menu item is core.admin_menu's one."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from indicators.models import Code, CodeList, Indicator

pytestmark = pytest.mark.django_db

CODE_PERMS = ("view_code", "add_code", "change_code", "view_codelist", "change_codelist")
CARD_PERMS = ("view_indicator", "add_indicator", "change_indicator")


def url(model, view, *args):
    return reverse(model.snippet_viewset.get_url_name(view), args=args)


def make_editor(django_user_model, *codenames, staff=False, name="editor"):
    """A user in a group holding admin access and the given indicators permissions."""
    group, _ = Group.objects.get_or_create(name=f"{name} group")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(content_type__app_label="indicators", codename=codename))
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw", is_staff=staff)
    user.groups.add(group)
    return user


@pytest.fixture
def code_editor(client, django_user_model):
    client.force_login(make_editor(django_user_model, *CODE_PERMS))
    return client


@pytest.fixture
def card_editor(client, django_user_model):
    client.force_login(make_editor(django_user_model, *CARD_PERMS, name="cards"))
    return client


@pytest.fixture
def outsider(client, django_user_model):
    client.force_login(make_editor(django_user_model, name="outsider"))
    return client


def text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- code lists and codes ---------------------------------------------------------------
def test_code_lists_listed_with_persian_labels_and_a_link_to_their_codes(code_editor):
    province = CodeList.objects.get(code="province")
    page = text(code_editor.get(url(CodeList, "list")))
    assert "فهرست‌های کد" in page  # the page title, in Persian
    assert province.name_fa in page
    assert f"?code_list={province.pk}" in page  # «Codes of this list»
    assert "کدهای این فهرست" in page


def test_code_list_search_and_codes_filtered_by_list(code_editor):
    assert "ISCO-08" in text(code_editor.get(url(CodeList, "list"), {"q": "isco"}))
    sex = CodeList.objects.get(code="sex")
    page = text(code_editor.get(url(Code, "list"), {"code_list": sex.pk}))
    assert "مرد" in page and "زن" in page
    assert "تهران" not in page  # a province: another list
    assert f"code_list={sex.pk}" in page.split("add/", 1)[1][:40]  # «Add» starts in this list


def test_editor_creates_and_edits_a_code(code_editor):
    sex = CodeList.objects.get(code="sex")
    form = text(code_editor.get(url(Code, "add"), {"code_list": sex.pk}))
    assert "عنوان (فارسی)" in form and "عنوان (انگلیسی)" in form  # side by side, in Persian
    response = code_editor.post(
        url(Code, "add"),
        {"code_list": sex.pk, "code": "X", "label_fa": "سایر", "label_en": "Other", "sort_order": 9},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    code = Code.objects.get(code_list=sex, code="X")
    assert code.label("fa") == "سایر"

    response = code_editor.post(
        url(Code, "edit", code.pk),
        {"code_list": sex.pk, "code": "X", "label_fa": "دیگر", "label_en": "Other", "sort_order": 9},
    )
    assert response.status_code == 302
    code.refresh_from_db()
    assert code.label_fa == "دیگر"


def test_a_duplicate_code_is_a_form_error_not_a_500(code_editor):
    sex = CodeList.objects.get(code="sex")
    response = code_editor.post(
        url(Code, "add"), {"code_list": sex.pk, "code": "M", "label_fa": "مرد", "sort_order": 1}
    )
    assert response.status_code == 200
    assert Code.objects.filter(code_list=sex, code="M").count() == 1


def test_editor_edits_a_code_list(code_editor):
    sex = CodeList.objects.get(code="sex")
    form = text(code_editor.get(url(CodeList, "edit", sex.pk)))
    assert "نام (فارسی)" in form
    assert f"?code_list={sex.pk}" in form  # its codes, from the header's menu
    data = {
        "code": "sex",
        "name_fa": "جنسیت",
        "name_en": "Sex",
        "standard": "",
        "description": "",
        "total_code": "T",
        "header_aliases": "gender",
    }
    assert code_editor.post(url(CodeList, "edit", sex.pk), data).status_code == 302
    sex.refresh_from_db()
    assert sex.name_fa == "جنسیت"


def test_without_permission_no_list_no_edit(outsider):
    sex = CodeList.objects.get(code="sex")
    code = Code.objects.filter(code_list=sex).first()
    for address in (url(CodeList, "list"), url(Code, "list"), url(Code, "edit", code.pk), url(Indicator, "add")):
        response = outsider.get(address)
        assert response.status_code in (302, 403), address
    response = outsider.post(url(Code, "edit", code.pk), {"code_list": sex.pk, "code": "Z", "label_fa": "x"})
    assert response.status_code in (302, 403)
    code.refresh_from_db()
    assert code.code != "Z"


def test_a_viewer_may_not_create(client, django_user_model):
    client.force_login(make_editor(django_user_model, "view_code", name="viewer"))
    assert client.get(url(Code, "list")).status_code == 200
    assert client.get(url(Code, "add")).status_code in (302, 403)


# --- identity cards ----------------------------------------------------------------------
CARD = {
    "code": "unemployment-rate",
    "name_fa": "نرخ بیکاری",
    "name_en": "Unemployment rate",
    "definition_fa": "سهم بیکاران از جمعیت فعال",
    "definition_en": "Unemployed as a share of the labour force",
    "unit_fa": "درصد",
    "unit_en": "percent",
    "periodicity": 4,
    "decimals": 1,
    "contact_email": "data@example.org",
    "norm_lower": "3",
    "norm_upper": "8",
    "higher_is_better": "false",
    "suppression_threshold": "",
    "is_additive": "",
    "is_key": "on",
    "sort_order": 0,
}


def test_editor_creates_and_edits_an_identity_card(card_editor):
    form = text(card_editor.get(url(Indicator, "add")))
    for label in ("شناسنامه", "تعریف (فارسی)", "تعریف (انگلیسی)", "منابع و مسئولان", "هنجار"):
        assert label in form, label
    organisation = Code.objects.get(code_list__code="organisation", code="SSO")
    response = card_editor.post(url(Indicator, "add"), {**CARD, "producer": organisation.pk})
    assert response.status_code == 302, response.content.decode()[-3000:]
    card = Indicator.objects.get(code="unemployment-rate")
    assert card.definition("en").startswith("Unemployed") and card.producer == organisation
    assert card.norm_upper == 8 and card.higher_is_better is False

    response = card_editor.post(url(Indicator, "edit", card.pk), {**CARD, "method_fa": "بیکاران ÷ جمعیت فعال"})
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.method("fa") == "بیکاران ÷ جمعیت فعال"
    assert "نرخ بیکاری" in text(card_editor.get(url(Indicator, "list"), {"q": "بیکاری"}))


def test_only_organisations_are_offered_as_producer(card_editor):
    form = text(card_editor.get(url(Indicator, "add")))
    producer = form.split('name="producer"', 1)[1].split("</select>", 1)[0]
    assert "سازمان تأمین اجتماعی" in producer
    assert "تهران" not in producer  # a province is no producer


def test_card_editor_may_not_touch_code_lists(card_editor):
    assert card_editor.get(url(CodeList, "list")).status_code in (302, 403)


# --- the menu ------------------------------------------------------------------------------
def menu_labels(user):
    from django.utils import translation
    from wagtail.admin.menu import admin_menu

    request = RequestFactory().get("/admin/")
    request.user = user
    labels = {}
    with translation.override("en"):
        for item in admin_menu.menu_items_for_request(request):
            if hasattr(item, "menu"):
                labels[str(item.label)] = [str(child.label) for child in item.menu.menu_items_for_request(request)]
    return labels


def test_menu_shows_each_editor_what_they_may_use(django_user_model):
    codes = menu_labels(make_editor(django_user_model, *CODE_PERMS))["Indicators"]
    assert "Code lists" in codes and "Codes" in codes
    assert "Indicators and identity cards" not in codes
    assert "Import a warehouse table" not in codes
    importer = menu_labels(make_editor(django_user_model, "add_importbatch", name="importer"))["Indicators"]
    assert importer == ["Import a warehouse table"]
    assert "Indicators" not in menu_labels(make_editor(django_user_model, name="nobody"))


def test_permission_menu_item_any_of_its_permissions(django_user_model):
    from core.admin_menu import PermissionMenuItem

    item = PermissionMenuItem("x", "/x/", perms=["indicators.view_code", "indicators.view_codelist"])
    request = RequestFactory().get("/admin/")
    request.user = make_editor(django_user_model, "view_codelist")
    assert item.is_shown(request)
    request.user = make_editor(django_user_model, name="other")
    assert not item.is_shown(request)
    assert PermissionMenuItem("y", "/y/", perms="indicators.view_code").perms == ("indicators.view_code",)


# --- bulk files ------------------------------------------------------------------------------
def test_bulk_buttons_reach_the_import_and_a_small_csv_imports(client, django_user_model):
    client.force_login(make_editor(django_user_model, *CODE_PERMS, "view_code", staff=True, name="bulk"))
    page = text(client.get(url(Code, "list")))
    import_url = reverse("admin:indicators_code_import")
    assert import_url in page and reverse("admin:indicators_code_export") in page

    assert client.get(import_url).status_code == 200
    csv = "code_list,code,label_fa,label_en,parent,valid_from,valid_to,sort_order\nsex,X,سایر,Other,T,,,9\n"
    upload = SimpleUploadedFile("codes.csv", csv.encode(), content_type="text/csv")
    preview = client.post(
        reverse("admin:indicators_code_process_import").replace("process_import", "import"),
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    assert preview.status_code == 200
    assert not Code.objects.filter(code_list__code="sex", code="X").exists()  # a preview only
    confirm = preview.context["confirm_form"].initial
    done = client.post(reverse("admin:indicators_code_process_import"), confirm)
    assert done.status_code == 302
    code = Code.objects.get(code_list__code="sex", code="X")
    assert code.label_en == "Other" and code.parent.code == "T"

    export = client.post(reverse("admin:indicators_code_export"), {"format": "0", "resource": "0"})
    assert export.status_code == 200


def test_no_bulk_buttons_without_permission(client, django_user_model):
    client.force_login(make_editor(django_user_model, "view_code", staff=True, name="reader"))
    page = text(client.get(url(Code, "list")))
    assert reverse("admin:indicators_code_import") not in page
    assert reverse("admin:indicators_code_export") in page
    assert client.get(reverse("admin:indicators_code_import")).status_code == 403


@pytest.mark.parametrize("model_name", ["Indicator", "CodeList", "Code", "IndicatorDimension"])
def test_every_listing_and_form_renders(admin_client, model_name):
    from indicators import models

    model = getattr(models, model_name)
    if not model.objects.exists():
        build_one_indicator()
    obj = model.objects.first()
    for address in (url(model, "list"), url(model, "add"), url(model, "edit", obj.pk)):
        assert admin_client.get(address).status_code == 200, address


def build_one_indicator():
    from indicators.models import IndicatorDimension

    indicator = Indicator.objects.create(code="employed", name_fa="شاغلان", topics=",labour_market,")
    IndicatorDimension.objects.create(indicator=indicator, code_list=CodeList.objects.get(code="sex"), position=1)


def test_an_indicators_dimensions_listed_from_its_row(admin_client):
    build_one_indicator()
    indicator = Indicator.objects.get(code="employed")
    page = text(admin_client.get(url(Indicator, "list")))
    assert f"?indicator={indicator.pk}" in page
    from indicators.models import IndicatorDimension

    listing = text(admin_client.get(url(IndicatorDimension, "list"), {"indicator": indicator.pk}))
    assert "جنس" in listing


def test_group_editor_offers_the_indicators_permissions(admin_client):
    """Groups are given these permissions in Wagtail's own group editor."""
    page = text(admin_client.get(reverse("wagtailusers_groups:add")))
    for codename in ("add_codelist", "change_code", "change_indicator", "add_indicatordimension"):
        perm = Permission.objects.get(content_type__app_label="indicators", codename=codename)
        assert f'value="{perm.pk}"' in page, codename
