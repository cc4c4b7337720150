"""The demo's released files: the analytical report's data as a document and
the infographic's image, so that documents and images (and their embargo) are
part of what the demo shows."""

import io

from django.core.files.images import ImageFile

from iran.text import to_persian_digits as fa

from .blocks import IR


def report_document():
    """The analytical report's data as a CSV document: the demo's released document,
    so that documents (and their embargo) are part of what the demo shows."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from indicators.query import get_observations

    Document = get_document_model()
    existing = Document.objects.filter(title="demo-report-cooperatives-1404").first()
    if existing:
        return existing
    rows = get_observations("active-cooperatives", periods=["1399", "1404"], filters=IR)
    lines = ["period,active_cooperatives"] + [f"{r.period.code},{r.value}" for r in rows if r.value is not None]
    content = ContentFile(("\n".join(lines) + "\n").encode(), name="demo-report-cooperatives-1404.csv")
    return Document.objects.create(title="demo-report-cooperatives-1404", file=content)


def infographic_image(values):
    """A simple bar infographic (numbers only, no text to shape)."""
    from PIL import Image as PILImage
    from PIL import ImageDraw
    from wagtail.images.models import Image
    from wagtail.models import Collection

    existing = Image.objects.filter(title="demo-infographic-insured").first()
    if existing:
        return existing
    if Collection.get_first_root_node() is None:  # a flushed test database has none
        Collection.add_root(name="Root")
    from django.conf import settings
    from PIL import ImageFont

    from iran.periods import Period

    def font(size):
        # The site's own Persian font first: Persian digits and words, shaped (raqm).
        vazirmatn = str(settings.BASE_DIR / "static" / "fonts" / "Vazirmatn-Bold.woff2")
        for path in (vazirmatn, "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "DejaVuSans-Bold.ttf"):
            try:
                return ImageFont.truetype(path, size)
            except OSError:
                continue
        return ImageFont.load_default(size=size)

    width, height = 1200, 675
    canvas = PILImage.new("RGB", (width, height), "#f4f7fa")
    draw = ImageDraw.Draw(canvas)
    draw.rectangle([0, 0, width, 110], fill="#0b3d6b")
    first, last = values[0][1], values[-1][1]
    change = (last - first) / first * 100 if first else 0
    # A Persian image: Persian digits, «٫» for the decimal point and «٪», month names.
    change_fa = "\u200e" + fa(f"{change:+.1f}").replace(".", "٫") + "٪"
    draw.text((width - 60, 55), change_fa, fill="#ffffff", font=font(56), anchor="rm")
    draw.text((60, 55), "نمایشی", fill="#ffcc80", font=font(40), anchor="lm")
    top = max(v for _label, v in values) or 1
    bar_w = (width - 200) // max(len(values), 1)
    for i, (label, value) in enumerate(values):
        x0 = width - 100 - (i + 1) * bar_w + 20  # right to left, as the page reads
        h = int((height - 300) * value / top)
        draw.rectangle([x0, height - 90 - h, x0 + bar_w - 40, height - 90], fill="#1f8a70" if i else "#d9822b")
        draw.text((x0 + (bar_w - 40) / 2, height - 50), Period.parse(label).label("fa"), fill="#0b3d6b",
                  font=font(36), anchor="mm")  # fmt: skip
        figure = fa(f"{value:,.0f}").replace(",", "٬")
        draw.text((x0 + (bar_w - 40) / 2, height - 120 - h), figure, fill="#0b3d6b", font=font(44), anchor="mm")
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    return Image.objects.create(title="demo-infographic-insured", file=ImageFile(buffer, name="demo-infographic.png"))
