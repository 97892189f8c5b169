"""Whole-page cache for anonymous readers, emptied in effect by any change to content.

A country page is read thousands of times for each edit. Anonymous GETs of the public pages
(/en/, /fr/, /es/ ...), of the API and of the sitemap are kept whole in the cache (Redis in
production, so every app server shares them). Each key carries the release (code and
templates) and the site's content version (config.content_version), which every save,
deletion or import of content moves on: after an edit or a deploy, every app server looks
under a new key, finds nothing, and renders the page afresh. The old entries are never read
again and expire.

Never cached: requests carrying a session cookie (signed-in staff, who may see drafts),
anything but GET, answers other than 200, answers that set a cookie or vary on a header the
key does not hold, and streamed downloads.
"""

import functools
import hashlib
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language_from_request

from config.content_version import bump_content_version, content_changed, content_version

# The write paths call content_changed() and bump_content_version() from here.
__all__ = ["bump_content_version", "content_changed", "content_version", "page_cache"]

# Old versions' pages are never read again; this only bounds how long they take room.
PAGE_SECONDS = 24 * 60 * 60
# The key holds the language and the Accept header; Cookie is covered by "no session cookie".
KEYED_VARY = {"accept-language", "accept", "cookie"}
# Each worker also keeps the pages it served last, under their full key. The content version
# is still read on every request (its generation from the shared cache), so an edit on any
# app server shows at once; only the page itself comes from memory instead of over the
# network. 200 pages of some 50 kB: about 10 MB a worker.
RECENT_PAGES = 200
_recent = OrderedDict()


@functools.cache
def release():
    """A fingerprint of the code, templates and translations this process runs.

    Part of every key: after a deploy, pages rendered by the old release are not served,
    and every app server of one release computes the same fingerprint."""
    digest = hashlib.sha256()
    folders = ["config", *settings.CONTENT_APPS, "templates", "locale"]
    for folder in folders:
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.suffix in (".py", ".html", ".mo", ".txt", ".xml") and path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _cacheable_request(request):
    return (
        settings.PAGE_CACHE
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and request.path_info.startswith(_cached_prefixes())
    )


def _cached_prefixes():
    languages = tuple(f"/{code}/" for code, _ in settings.LANGUAGES)
    # The sitemap follows the content version too, and is served while the database is away.
    return (*languages, "/api/", "/sitemap.xml")


def _key(request, version):
    language = get_language_from_request(request, check_path=True)
    parts = [
        # The Host header as sent, not validated here (the validation took a fifth of a
        # cached page's time): a host the site refuses gets a 400, which is never stored.
        f"{request.scheme}://{request.META.get('HTTP_HOST', '')}{request.get_full_path()}",
        language,
        request.META.get("HTTP_ACCEPT", ""),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page:{release()}:{version}:{digest}"


def _cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if "private" in response.get("Cache-Control", "") or "no-store" in response.get(
        "Cache-Control", ""
    ):
        return False
    vary = {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}
    return vary <= KEYED_VARY


def page_cache(get_response):
    """Serve anonymous readers' pages from the cache; store the ones it lacks."""

    def middleware(request):
        if not _cacheable_request(request):
            return get_response(request)
        version = content_version()
        if version is None:
            return get_response(request)
        key = _key(request, version)
        stored = _recall(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response.headers[name] = value
            return response
        response = get_response(request)
        if _cacheable_response(response):
            # Validators for conditional GETs (ConditionalGetMiddleware answers 304s); the
            # reader's browser asks again each time, so an edit shows at once.
            digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
            response.headers["ETag"] = f'"{digest}"'
            response.headers.setdefault("Last-Modified", http_date())
            patch_cache_control(response, no_cache=True)
            stored = (response.status_code, list(response.headers.items()), response.content)
            cache.set(key, stored, PAGE_SECONDS)
            _remember(key, stored)
        return response

    return middleware


def _recall(key):
    stored = _recent.get(key)
    if stored is not None:
        _recent.move_to_end(key)
        return stored
    stored = cache.get(key)
    if stored is not None:
        _remember(key, stored)
    return stored


def _remember(key, stored):
    _recent[key] = stored
    if len(_recent) > RECENT_PAGES:
        _recent.popitem(last=False)
