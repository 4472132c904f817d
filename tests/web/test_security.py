"""Security headers on every response, no inline script or style in any page, the HTTPS
settings, and `envcoop check --deploy` without warnings in the documented production
settings."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings

ENVCOOP = Path(sys.executable).with_name("envcoop")
ROOT = Path(__file__).resolve().parents[2]
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
)
# Standalone files that `envcoop report` writes to disk (never served by the site): their
# styles travel inside them.
STANDALONE = {"reports/annual_document.html", "reports/matrix_document.html"}
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> block"),
    (re.compile(r"\sstyle\s*=", re.I), "a style= attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an on...= event handler"),
    (re.compile(r"javascript:", re.I), "a javascript: address"),
]


def test_no_template_has_inline_script_or_style():
    found = []
    for template in sorted(ROOT.glob("envcoop/*/templates/**/*.html")):
        relative = template.as_posix().split("/templates/", 1)[1]
        if relative in STANDALONE:
            continue
        text = template.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{relative}:{line}: {what}")
    assert found == [], "move these into envcoop/web/static (the CSP refuses them)"


def test_no_script_sets_a_style_attribute():
    for script in sorted(ROOT.glob("envcoop/web/static/envcoop/*.js")):
        text = script.read_text(encoding="utf-8")
        assert not re.search(r"setAttribute\(\s*[\"']style|innerHTML|\beval\(", text), script


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/th/events/", "/no-such-page/", "/static/envcoop/site.css", "/healthz"]
)
def test_every_response_has_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert response["Content-Security-Policy"] == POLICY
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    if response["Content-Type"].startswith("text/html"):
        assert response["X-Frame-Options"] == "DENY"  # and frame-ancestors for all
    assert "Strict-Transport-Security" not in response  # only with HTTPS=1


def production_settings(**environment: str) -> dict:
    """Settings as config/settings.py makes them from ``environment`` (in a new process)."""
    names = [
        "DEBUG",
        "HTTPS",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_SSL_REDIRECT",
        "SECURE_REDIRECT_EXEMPT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "LANGUAGE_COOKIE_SECURE",
        "CSRF_TRUSTED_ORIGINS",
        "ALLOWED_HOSTS",
    ]
    code = (
        "import json; from django.conf import settings; import django; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}}))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **environment}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "example.org",
    "HTTPS": "1",
}


def test_check_deploy_has_no_warnings_with_the_documented_production_settings(tmp_path):
    env = {**os.environ, **PRODUCTION, "ENVCOOP_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [str(ENVCOOP), "check", "--deploy"], env=env, capture_output=True, text=True, timeout=300
    )
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert "System check identified no issues (0 silenced)." in said, said


def test_https_settings_come_from_https_and_site_url():
    found = production_settings(**PRODUCTION, SITE_URL="https://envcoop.example.org")
    assert found["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert found["SECURE_SSL_REDIRECT"] is True
    assert found["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert found["SESSION_COOKIE_SECURE"] and found["CSRF_COOKIE_SECURE"]
    assert found["LANGUAGE_COOKIE_SECURE"]
    assert found["CSRF_TRUSTED_ORIGINS"] == ["https://envcoop.example.org"]
    assert found["ALLOWED_HOSTS"] == ["example.org"]
    plain = production_settings(DEBUG="0", HTTPS="0")
    assert plain["SECURE_PROXY_SSL_HEADER"] is None  # a client cannot claim HTTPS
    assert not plain["SESSION_COOKIE_SECURE"] and not plain["SECURE_SSL_REDIRECT"]
    shorter = production_settings(**PRODUCTION, HSTS_SECONDS="3600", HSTS_PRELOAD="0")
    assert shorter["SECURE_HSTS_SECONDS"] == 3600 and shorter["SECURE_HSTS_PRELOAD"] is False


@pytest.mark.django_db
def test_behind_an_https_proxy_pages_get_hsts_and_secure_cookies():
    found = production_settings(**PRODUCTION, SITE_URL="https://example.org")
    https = {name: value for name, value in found.items() if name.startswith(("SECURE_", "CSRF_"))}
    https["SECURE_PROXY_SSL_HEADER"] = tuple(https["SECURE_PROXY_SSL_HEADER"])
    https |= {name: found[name] for name in ("SESSION_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE")}
    with override_settings(**https, ALLOWED_HOSTS=["example.org"]):
        client = Client(HTTP_HOST="example.org")
        plain = client.get("/events/")
        assert plain.status_code == 301 and plain["Location"] == "https://example.org/events/"
        response = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
        assert response.status_code == 200
        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )
        assert response.cookies["csrftoken"]["secure"]
        switched = client.get("/language/th/?next=/", HTTP_X_FORWARDED_PROTO="https")
        assert switched.cookies[settings.LANGUAGE_COOKIE_NAME]["secure"]
        assert client.get("/healthz").status_code == 200  # probes speak plain HTTP
