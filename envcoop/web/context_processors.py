from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils.http import urlencode
from django.utils.translation import get_language


def site(request: HttpRequest) -> dict:
    """The interface languages, each with this page's address in it and a link that switches."""
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    return {
        "ui_languages": [
            {
                "code": code,
                "name": name,
                "url": translate_url(path, code),
                "switch": f"{reverse('switch_language', args=[code])}?{urlencode({'next': path})}",
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ],
    }
