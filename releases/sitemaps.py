"""Wagtail's sitemap without any page under embargo (nor any page below one)."""

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap

from .embargo import public_pages


class EmbargoAwareSitemap(Sitemap):
    def items(self):
        return public_pages(super().items())
