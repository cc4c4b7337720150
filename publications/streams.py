"""The streams of publication pages: the body, and a bulletin's headline figures."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .blocks import DefinitionBlock, DocumentBlock, FootnotesBlock, HeadingBlock, ImageBlock, NoticeBlock
from .observation_blocks import HeadlineFigureBlock, ObservationChartBlock, ObservationTableBlock

RICH_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul", "superscript"]

OBSERVATION_BLOCK_TYPES = ("table", "chart", "headline")


class PublicationStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = blocks.RichTextBlock(features=RICH_FEATURES, label=_("Rich text"))
    headline = HeadlineFigureBlock()
    chart = ObservationChartBlock()
    table = ObservationTableBlock()
    image = ImageBlock()
    document = DocumentBlock()
    notice = NoticeBlock()
    definition = DefinitionBlock()
    footnotes = FootnotesBlock()

    def clean(self, value):
        value = super().clean(value)
        seen = set()
        for child in value:
            if child.block_type == "headline":
                figure_id = child.value.get("figure_id")
                if figure_id in seen:
                    raise blocks.StreamBlockValidationError(
                        non_block_errors=[
                            ValidationError(_("Two headline figures share the id «%(id)s».") % {"id": figure_id})
                        ]
                    )
                seen.add(figure_id)
        return value


class HeadlineStreamBlock(blocks.StreamBlock):
    headline = HeadlineFigureBlock()
