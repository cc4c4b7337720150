"""Yearbooks and their chapters, bulletins, reports and special issues,
infographics, and the corrections and notices published on them.

Every publication page type subclasses `ReleasedContentMixin`: it goes public
only at its release calendar entry's minute. Statistical blocks read
observations through `indicators.query` (publications.store), where the embargo is applied too."""

from .base import (
    ORGANISATION_DIMENSION,
    PORTAL,
    PROVINCE_DIMENSION,
    PUBLISHER,
    ObservationPageMixin,
    PublicationIndexPage,
    PublicationPage,
    latest_publications,
    publications_queryset,
)
from .corrections import AppendOnlyError, Correction, previous_live_revision
from .periodicals import BulletinPage, InfographicPage, ReportPage
from .yearbooks import YearbookChapterPage, YearbookPage

__all__ = [
    "ORGANISATION_DIMENSION",
    "PORTAL",
    "PROVINCE_DIMENSION",
    "PUBLISHER",
    "AppendOnlyError",
    "BulletinPage",
    "Correction",
    "InfographicPage",
    "ObservationPageMixin",
    "PublicationIndexPage",
    "PublicationPage",
    "ReportPage",
    "YearbookChapterPage",
    "YearbookPage",
    "latest_publications",
    "previous_live_revision",
    "publications_queryset",
]
