"""Demo content: the page tree in both languages and a demo admin account.

Every app adds its own part through `demo.<app>.load(context)`; all of it is
idempotent, so `make run` can load it again and again. Demo figures are always
labelled as demo, never presented as official."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page, Site

from core.pages import child_page
from core.translation import translate
from home.models import HomePage, StandardPage

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "amar-demo-1405"
DEMO_APPS = ["releases", "indicators", "tables", "publications", "catalog", "researchers", "surveys"]


@dataclass
class DemoContext:
    home_fa: HomePage
    home_en: HomePage
    admin: object
    log: object = print
    extra: dict = field(default_factory=dict)

    @property
    def fa(self):
        return Locale.objects.get(language_code="fa")

    @property
    def en(self):
        return Locale.objects.get(language_code="en")


def ensure_locales():
    fa, _ = Locale.objects.get_or_create(language_code="fa")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return fa, en


def ensure_admin():
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=DEMO_USERNAME, defaults={"email": "admin@example.org", "is_staff": True, "is_superuser": True}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


HOME_FA = {
    "title": "درگاه آمار وزارت تعاون، کار و رفاه اجتماعی",
    "intro": "مرجع رسمی آمارهای وزارت و سازمان‌های وابسته: "
    "تقویم انتشار، سالنامه‌ها، ماهنامه‌ها و نماگرها، برای همه در یک زمان.",
    "body": "<p>این درگاه تنها منبع رسمی انتشار آمارهای وزارت تعاون، کار و رفاه اجتماعی است. "
    "ارقام نمایش‌داده‌شده در این نسخهٔ نمایشی، داده‌های ساختگی برای آزمایش هستند.</p>",
}
HOME_EN = {
    HOME_FA["title"]: "Statistics Portal of the Ministry of Cooperatives, Labour and Social Welfare",
    HOME_FA["intro"]: "The official source of the statistics of the ministry and its affiliated organisations: "
    "release calendar, yearbooks, bulletins and indicators, for everyone at the same time.",
    "این درگاه تنها منبع رسمی انتشار آمارهای وزارت تعاون، کار و رفاه اجتماعی است. "
    "ارقام نمایش‌داده‌شده در این نسخهٔ نمایشی، داده‌های ساختگی برای آزمایش هستند.": "This portal is the only "
    "official source of the statistics of the Ministry of Cooperatives, Labour and Social Welfare. "
    "The figures shown in this demo are made up for testing.",
}


def ensure_home(fa_locale):
    """The Persian home page as the default site's root, replacing Wagtail's welcome page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    # The tree's root comes from Wagtail's migrations; a flushed test database has none.
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=fa_locale))
    home = HomePage(slug="home-fa", locale=fa_locale, **HOME_FA)
    root.add_child(instance=home)
    home.save_revision().publish()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True, site_name="Statistics Portal")
    old_root = site.root_page if site.pk else None
    site.root_page = home
    site.save()
    if old_root is not None and old_root.pk != home.pk and not isinstance(old_root.specific, HomePage):
        old_root.delete()
    return home


ABOUT_FA = {
    "title": "دربارهٔ درگاه",
    "intro": "این درگاه چگونه آمار منتشر می‌کند.",
}
ABOUT_EN = {
    "دربارهٔ درگاه": "About the portal",
    "این درگاه چگونه آمار منتشر می‌کند.": "How this portal publishes statistics.",
    "انتشار منظم": "Orderly release",
    "هر رقم در دقیقهٔ اعلام‌شده در تقویم انتشار، برای همه هم‌زمان منتشر می‌شود.": "Every figure is released at the "
    "minute announced in the release calendar, to everyone at the same time.",
}


def ensure_about(home_fa):
    about = child_page(
        home_fa,
        StandardPage,
        "about",
        show_in_menus=True,
        body=[
            ("heading", "انتشار منظم"),
            ("paragraph", "<p>هر رقم در دقیقهٔ اعلام‌شده در تقویم انتشار، برای همه هم‌زمان منتشر می‌شود.</p>"),
        ],
        **ABOUT_FA,
    )
    translate(about, ABOUT_EN)
    return about


def load(log=print):
    from importlib import import_module

    fa, _en = ensure_locales()
    admin = ensure_admin()
    home_fa = ensure_home(fa)
    home_en = translate(home_fa, HOME_EN)
    context = DemoContext(home_fa=home_fa, home_en=home_en.specific, admin=admin, log=log)
    for app in DEMO_APPS:
        import_module(f"demo.{app}").load(context)
    ensure_about(home_fa)
    log("demo content loaded")
    return context
