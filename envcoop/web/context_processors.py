from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language


def site(request: HttpRequest) -> dict:
    """Language switch links (the same page in each interface language)."""
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    return {
        "ui_languages": [
            {
                "code": code,
                "name": name,
                "url": translate_url(path, code),
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ],
    }
