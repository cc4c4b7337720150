"""General content blocks for text pages. Statistical blocks live in publications."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class NoticeBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("warning", _("Warning"))], default="info", label=_("Kind")
    )
    text = blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("Text"))

    class Meta:
        template = "home/blocks/notice.html"
        icon = "warning"
        label = _("Notice")


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(form_classname="title", label=_("Heading"), template="home/blocks/heading.html")
    paragraph = blocks.RichTextBlock(label=_("Paragraph"))
    notice = NoticeBlock()
