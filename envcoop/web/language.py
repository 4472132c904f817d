"""Choosing the interface language (remembered in a cookie, offered from the browser's
wish), and reading it and the site's address in a view."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import (
    get_language,
    get_language_from_path,
    get_supported_language_variant,
    override,
)
from django.utils.translation.trans_real import parse_accept_lang_header

from envcoop.core.languages import base_language

LANGUAGE_CODES = {code for code, _ in settings.LANGUAGES}
ONE_YEAR = 365 * 24 * 60 * 60


def switch_language(request: HttpRequest, code: str) -> HttpResponse:
    """Remember ``code`` and go to the same page (``next``) in that language."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    if code not in LANGUAGE_CODES:
        return HttpResponseRedirect(target)
    # translate_url only resolves a path in the language it is written in.
    with override(get_language_from_path(target.split("?", 1)[0]) or settings.LANGUAGE_CODE):
        translated = translate_url(target, code)
    response = HttpResponseRedirect(translated)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=ONE_YEAR,
        samesite="Lax",
        httponly=True,
        secure=settings.LANGUAGE_COOKIE_SECURE,  # HTTPS=1
    )
    return response


def _browser_language(request: HttpRequest) -> str | None:
    for accepted, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if accepted == "*":
            return None
        try:
            return get_supported_language_variant(accepted)
        except LookupError:
            continue
    return None


class BrowserLanguageMiddleware:
    """Send a first-time visitor of an English page to their browser's language, if we speak it.

    Only when no language was ever chosen (no cookie), for GET requests to pages
    without a language prefix. Choosing English with the language switch sets the
    cookie, so English stays English afterwards.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        static_prefix = "/" + settings.STATIC_URL.lstrip("/")
        if (
            request.method == "GET"
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith((static_prefix, "/language/"))
            and get_language_from_path(request.path_info) is None
        ):
            wanted = _browser_language(request)
            if wanted and wanted != settings.LANGUAGE_CODE:
                target = translate_url(request.get_full_path(), wanted)
                if target != request.get_full_path():
                    response = HttpResponseRedirect(target)
                    response.headers["Vary"] = "Accept-Language, Cookie"
                    return response
        response = self.get_response(request)
        if get_language_from_path(request.path_info) is None:
            response.headers["Vary"] = ", ".join(
                filter(None, [response.headers.get("Vary"), "Accept-Language", "Cookie"])
            )
        return response


def reader_language() -> str:
    """The base language of the current request's interface ("th" for th-TH)."""
    return base_language(get_language() or "en")


def site_address(request: HttpRequest) -> str:
    """The site's address as this request reached it, without the final slash (links in
    exported files and reports must be absolute)."""
    return request.build_absolute_uri("/").rstrip("/")
