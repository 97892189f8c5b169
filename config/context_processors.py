from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def canonical(request):
    """The page's own address without its query string: what search engines should index."""
    return {"canonical_url": request.build_absolute_uri(request.path)}


def languages(request):
    """This page in each of the site's languages, for the switcher and hreflang links."""
    current = get_language()
    return {
        "page_languages": [
            {
                "code": code,
                "name": name,
                "url": request.build_absolute_uri(translate_url(request.get_full_path(), code)),
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ]
    }
