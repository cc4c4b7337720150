"""Asks a running site for what a newcomer or an operator opens first, and fails
loudly on anything wrong. Standard library only: it must run before anything is
installed. Used by .ci/check-front-door (make run) and .ci/check-stack (nginx).

    python3 .ci/check_pages.py BASE_URL [--cacert PEM] [--media URL ...]
"""

import argparse
import re
import ssl
import sys
import urllib.error
import urllib.request

failures = []


def fetch(base, path, context):
    """(status, headers, body) without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPSHandler(context=context))
    try:
        with opener.open(base + path, timeout=30) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def expect(condition, message):
    print(("  ok   " if condition else "  FAIL ") + message)
    if not condition:
        failures.append(message)


def check_page(base, path, context, lang, direction):
    status, _headers, body = fetch(base, path, context)
    html = body.decode("utf-8", "replace")
    expect(status == 200, f"{path} answers 200 (got {status})")
    marked = f'lang="{lang}"' in html and f'dir="{direction}"' in html
    expect(marked, f'{path} is <html lang="{lang}" dir="{direction}">')
    return html


def check_static(base, html, context):
    """The CSS, the script and the font a page links to, under hashed names."""
    hashed = r"\.[0-9a-f]{12}\."
    css = re.search(r'href="(/static/[^"]+\.css)"', html)
    script = re.search(r'src="(/static/[^"]+\.js)"', html)
    for kind, found in (("a CSS file", css), ("a script", script)):
        name = found.group(1) if found else None
        expect(bool(name and re.search(hashed, name)), f"the page links {kind} with a hashed name ({name})")
    fonts = []
    if css:
        status, _h, body = fetch(base, css.group(1), context)
        expect(status == 200, f"{css.group(1)} answers 200 (got {status})")
        folder = css.group(1).rsplit("/", 1)[0]
        fonts = [
            url if url.startswith("/") else f"{folder}/{url}"
            for url in re.findall(r'url\("?([^")]+\.woff2)"?\)', body.decode("utf-8", "replace"))
        ]
    expect(bool(fonts) and bool(re.search(hashed, fonts[0])), f"the CSS names a font with a hashed name ({fonts[:1]})")
    for path in [script.group(1) if script else None, *(fonts[:1])]:
        if path:
            path = re.sub(r"/[^/]+/\.\./", "/", path)
            status, _headers, body = fetch(base, path, context)
            expect(status == 200 and len(body) > 0, f"{path} answers 200 with content (got {status})")


def check_not_found(base, context):
    for path, lang, words in (("/fa/no-such-page/", "fa", "۴۰۴"), ("/en/no-such-page/", "en", "not found")):
        status, _h, body = fetch(base, path, context)
        html = body.decode("utf-8", "replace")
        expect(status == 404, f"{path} answers 404 (got {status})")
        expect(f'lang="{lang}"' in html and words in html.lower(), f"{path} is our styled page in its language")
        expect("URLconf" not in html and "Traceback" not in html, f"{path} shows no debug page")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--cacert")
    parser.add_argument("--media", nargs="*", default=[], help="released media URLs that must answer 200")
    args = parser.parse_args()
    context = ssl.create_default_context(cafile=args.cacert) if args.cacert else None
    base = args.base.rstrip("/")
    print(f"Checking {base}")
    html = check_page(base, "/fa/", context, "fa", "rtl")
    check_page(base, "/en/", context, "en", "ltr")
    check_static(base, html, context)
    status, _h, _b = fetch(base, "/admin/login/", context)
    expect(status == 200, f"/admin/login/ answers 200 (got {status})")
    check_not_found(base, context)
    for url in args.media:
        status, _h, body = fetch(base, url, context)
        expect(status == 200 and len(body) > 0, f"released media {url} answers 200 with content (got {status})")
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
