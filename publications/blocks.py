"""The plain StreamField blocks of publications, and the pieces the statistical
blocks (observation_blocks) are made of: a line of codes, a live choice, a filter.
Migrations name HeadingBlock and CodeTextBlock here."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from . import choices

FIGURE_ID_RE = re.compile(r"^[a-z][a-z0-9-]{1,60}$")


class CodeTextBlock(blocks.FieldBlock):
    """A line of codes or periods: copied as is into translations (not a
    translatable segment, so a translator cannot change what a table shows)."""

    def __init__(self, required=True, help_text=None, max_length=200, **kwargs):
        self.field = forms.CharField(required=required, help_text=help_text, max_length=max_length)
        super().__init__(**kwargs)


class LiveChoiceBlock(blocks.ChoiceBlock):
    """A choice among rows of the database (indicators, code lists). The
    choices are read when the editor's form is built, not every time a page
    is rendered: stored values are codes, kept as they are."""

    def normalize_choice(self, value):
        return value

    def get_searchable_content(self, value):
        # Codes are not worth indexing, and reading the labels would cost a query per block.
        return []


class FilterBlock(blocks.StructBlock):
    dimension = LiveChoiceBlock(choices=choices.dimension_choices, label=_("Dimension"))
    codes = CodeTextBlock(
        label=_("Codes"), help_text=_("One or more codes of this dimension, separated by commas, e.g. 23, 07")
    )

    class Meta:
        icon = "filter"
        label = _("Filter")


class HeadingBlock(blocks.CharBlock):
    class Meta:
        template = "publications/blocks/heading.html"
        icon = "title"
        label = _("Section heading")
        form_classname = "title"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(label=_("Text alternative"), help_text=_("Required: what the image shows."))
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        template = "publications/blocks/image.html"
        icon = "image"
        label = _("Image")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("Description"), required=False)

    class Meta:
        template = "publications/blocks/document.html"
        icon = "doc-full"
        label = _("Document")


class NoticeBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("info", _("Notice")), ("warning", _("Warning"))], default="info", label=_("Kind")
    )
    text = blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("Text"))

    class Meta:
        template = "publications/blocks/notice.html"
        icon = "warning"
        label = _("Notice or warning panel")


class DefinitionBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("Term"))
    definition = blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("Definition"))

    class Meta:
        template = "publications/blocks/definition.html"
        icon = "help"
        label = _("Definition")


class FootnotesBlock(blocks.StructBlock):
    notes = blocks.ListBlock(blocks.RichTextBlock(features=["bold", "italic", "link"]), label=_("Footnotes"))

    class Meta:
        template = "publications/blocks/footnotes.html"
        icon = "list-ol"
        label = _("Footnotes")
