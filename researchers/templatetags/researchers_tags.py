from django import template

from catalog.enums import AccessLevel
from catalog.models import Dataset

from ..enums import MembershipStatus
from ..models import Researcher, ResearchersIndexPage

register = template.Library()


@register.simple_tag
def club_summary():
    page = ResearchersIndexPage.for_language()
    if page is None:
        return None
    licensed = Dataset.objects.published().filter(access_level=AccessLevel.LICENSED).count()
    if not licensed:
        return None
    members = Researcher.objects.filter(status=MembershipStatus.APPROVED, anonymised_at__isnull=True).count()
    return {"url": page.url, "licensed": licensed, "members": members}
