"""Stored XSS: editors' text inside the catalog's JSON-LD can never close its <script>."""

import json
from html.parser import HTMLParser

import pytest

from tests.builders.catalog import catalog_page, dataset

pytestmark = pytest.mark.django_db

PAYLOAD = "</script><script>alert(document.domain)</script>"


class Scripts(HTMLParser):
    """Every <script> element the browser would see, with its type and text."""

    def __init__(self):
        super().__init__()
        self.found, self._current = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._current = [dict(attrs).get("type", ""), ""]

    def handle_data(self, data):
        if self._current is not None:
            self._current[1] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.found.append(tuple(self._current))
            self._current = None


@pytest.fixture
def hostile_dataset(home_pages):
    catalog_page(home_pages[0])
    return dataset("hostile", access="open", title_fa="عنوان & <b>", keywords=f"بیمه, {PAYLOAD}")


@pytest.mark.parametrize("url", ["/fa/catalog/", "/fa/catalog/hostile/"])
def test_jsonld_cannot_close_its_script_element(client, hostile_dataset, url):
    html = client.get(url).content.decode()
    assert PAYLOAD not in html
    parser = Scripts()
    parser.feed(html)
    injected = [t for kind, t in parser.found if "alert(document.domain)" in t and kind != "application/ld+json"]
    assert not injected
    (ld,) = [text for kind, text in parser.found if kind == "application/ld+json"]
    # Still valid JSON-LD that reads back to exactly what the editor typed.
    assert PAYLOAD in json.dumps(json.loads(ld), ensure_ascii=False)
    assert "عنوان & <b>" in json.dumps(json.loads(ld), ensure_ascii=False)
