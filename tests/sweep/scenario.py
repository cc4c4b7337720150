"""What the sweep creates, through Django, in the server's database: a confirmed
release a minute or two ahead with every kind of attached content, and one user
per role. `cleanup()` removes all of it."""

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.utils import timezone

PASSWORD = "sweep-" + secrets.token_hex(8)


@dataclass
class Scenario:
    marker: str
    minute: dt.datetime
    entry: object = None
    pages: dict = field(default_factory=dict)  # name → page
    documents: list = field(default_factory=list)
    images: list = field(default_factory=list)
    renditions: list = field(default_factory=list)
    indicator: object = None
    entry_token: str = ""
    old_infographic_url: str = ""
    observation_value: str = ""
    users: dict = field(default_factory=dict)  # role → (login kind, username)
    created_pages: list = field(default_factory=list)


def _relative(url):
    from urllib.parse import urlsplit

    return urlsplit(url).path


def page_url(page):
    return _relative(page.get_url(None) or page.url)


def build(lead_seconds=90) -> Scenario:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Locale, Site

    from publications.models import BulletinPage, InfographicPage, YearbookChapterPage, YearbookPage
    from releases.enums import ReleaseStatus
    from releases.models import ReleaseCalendarPage
    from tests.builders.indicators import add_observation, make_indicator
    from tests.builders.publications import block, publications_index
    from tests.builders.releases import make_entry

    marker = "sweep" + secrets.token_hex(5)
    now = timezone.now()
    minute = (now + dt.timedelta(seconds=lead_seconds + 60)).replace(second=0, microsecond=0)
    s = Scenario(marker=marker, minute=minute)
    fa = Locale.objects.get(language_code="fa")
    home = Site.objects.get(is_default_site=True).root_page.specific
    calendar = ReleaseCalendarPage.objects.filter(locale=fa).first()
    if calendar is None:
        calendar = ReleaseCalendarPage(title="تقویم انتشار", slug="releases", locale=fa)
        home.add_child(instance=calendar)
        calendar.save_revision().publish()
        s.created_pages.append(calendar)
    # The entry's title is public in advance: it must not carry the content's marker.
    s.entry_token = "entry" + secrets.token_hex(5)
    s.entry = make_entry(calendar, title=f"انتشار {s.entry_token}", release_at=minute, slug=f"{s.entry_token}")
    s.entry.__class__.objects.filter(pk=s.entry.pk).update(status=ReleaseStatus.CONFIRMED)
    index = publications_index(home)

    document = get_document_model().objects.create(title=f"{marker} tables")
    document.file.save(f"{marker}-tables.csv", ContentFile(f"a,b\n{marker},2\n".encode()))
    s.documents.append(document)
    for number in (1, 2):
        image = get_image_model().objects.create(
            title=f"{marker} chart {number}", file=get_test_image_file(f"{marker}-{number}.png")
        )
        s.images.append(image)
        s.renditions += [image.get_rendition("width-20"), image.get_rendition("fill-10x10")]

    indicator = make_indicator(f"{marker}-ind", name_fa=f"نماگر {marker}", name_en=f"Indicator {marker}")
    s.indicator = indicator
    s.observation_value = "987654321"
    add_observation(indicator, "1403", value=s.observation_value, release=s.entry)

    def add(parent, page, name):
        parent.add_child(instance=page)
        page.save_revision().publish()
        s.pages[name] = page.__class__.objects.get(pk=page.pk)
        return s.pages[name]

    add(
        index,
        BulletinPage(
            title=f"ماهنامه {marker}",
            slug=f"{marker}-bulletin",
            reference_period="1403-08",
            year=1403,
            release=s.entry,
            summary=marker,
            body=[
                block("text", f"<p>{marker}</p>"),
                block("document", {"document": document.pk, "description": marker}),
                block("image", {"image": s.images[1].pk, "alt_text": marker, "caption": ""}),
            ],
        ),
        "bulletin",
    )
    add(
        index,
        InfographicPage(
            title=f"اینفوگرافیک {marker}",
            slug=f"{marker}-infographic",
            release=s.entry,
            image=s.images[0],
            text_alternative=f"<p>{marker}</p>",
            summary=marker,
        ),
        "infographic",
    )
    yearbook = add(
        index,
        YearbookPage(title=f"سالنامه {marker}", slug=f"{marker}-yearbook", year=1403, release=s.entry, summary=marker),
        "yearbook",
    )
    add(yearbook, YearbookChapterPage(title=f"فصل {marker}", slug="chapter-1", number=1, summary=marker), "chapter")
    # A slug renamed while embargoed: Wagtail makes a redirect from the old address.
    infographic = s.pages["infographic"]
    s.old_infographic_url = page_url(infographic)
    infographic.slug = f"{marker}-infographic-renamed"
    infographic.save_revision().publish()
    s.pages["infographic"] = infographic.__class__.objects.get(pk=infographic.pk)
    s.created_pages = list(s.pages.values()) + s.created_pages

    User = get_user_model()
    roles = {"researcher": None, "editor": "Editors", "moderator": "Moderators"}
    for role, group in roles.items():
        username = f"{marker}-{role}@example.org"
        user = User.objects.create_user(username=username, email=username, password=PASSWORD)
        if group:
            user.groups.add(Group.objects.get(name=group))
        s.users[role] = ("admin" if group else "site", username)
    return s


def cleanup(s: Scenario):
    from django.contrib.auth import get_user_model
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import Page

    from releases.enums import ReleaseStatus

    ids = [page.pk for page in s.created_pages]
    Redirect.objects.filter(redirect_page_id__in=ids).delete()
    for page in sorted(s.created_pages, key=lambda p: -p.depth):
        Page.objects.filter(pk=page.pk).delete()
    if s.indicator is not None:
        from indicators.models import Observation

        Observation.objects.filter(indicator=s.indicator).delete()
        s.indicator.delete()
    if s.entry is not None:
        # The record guard refuses deleting a published entry; this one was a test.
        s.entry.__class__.objects.filter(translation_key=s.entry.translation_key).update(
            status=ReleaseStatus.PROVISIONAL
        )
        Page.objects.filter(pk=s.entry.pk).delete()
    for obj in s.renditions + s.images + s.documents:
        obj.file.delete(save=False)
        obj.delete()
    get_user_model().objects.filter(username__startswith=s.marker).delete()
