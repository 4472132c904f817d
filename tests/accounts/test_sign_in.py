"""Signing in and out through the site's own pages, the header, password change and
reset by e-mail, and the lockout after repeated failures (django-axes)."""

from __future__ import annotations

import html
import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from tests.conftest import user_with


def test_sign_in_from_any_page_shows_name_and_scope_then_sign_out(db):
    user_with("somchai", "focal-point", country="TH")
    client = Client()
    page = client.get("/events/").content.decode()
    assert 'href="/accounts/login/?next=/events/"' in page
    signed = client.post(
        "/accounts/login/?next=/events/",
        {"username": "somchai", "password": "somchai-not-a-real-password", "next": "/events/"},
    )
    assert signed.status_code == 302 and signed["Location"] == "/events/"
    header = client.get("/events/").content.decode()
    assert "somchai" in header and "national focal point (Thailand)" in header
    assert client.get("/accounts/").status_code == 200
    out = client.post("/accounts/logout/")
    assert out.status_code == 302
    assert "somchai" not in client.get("/events/").content.decode()


def test_sign_in_does_not_send_to_another_site(db):
    user_with("nok")
    client = Client()
    response = client.post(
        "/accounts/login/",
        {"username": "nok", "password": "nok-not-a-real-password", "next": "https://evil.example/"},
    )
    assert response.status_code == 302 and "evil.example" not in response["Location"]


def test_a_wrong_password_is_refused_with_a_message(db):
    user_with("nok")
    page = Client().post("/accounts/login/", {"username": "nok", "password": "wrong"})
    assert page.status_code == 200
    assert "Please enter a correct username and password" in page.content.decode()


def test_repeated_failures_lock_the_user_name_for_a_while(db, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user_with("nok")
    client = Client()
    for _ in range(3):
        client.post("/accounts/login/", {"username": "nok", "password": "wrong"})
    locked = client.post(
        "/accounts/login/", {"username": "nok", "password": "nok-not-a-real-password"}
    )
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another user name from the same address is not locked.
    user_with("lan")
    other = client.post(
        "/accounts/login/", {"username": "lan", "password": "lan-not-a-real-password"}
    )
    assert other.status_code == 302


def test_password_change(db):
    user = user_with("nok")
    client = Client()
    client.force_login(user)
    changed = client.post(
        "/accounts/password/",
        {
            "old_password": "nok-not-a-real-password",
            "new_password1": "a-new-long-password-42",
            "new_password2": "a-new-long-password-42",
        },
    )
    assert changed.status_code == 302 and changed["Location"] == "/accounts/password/done/"
    user.refresh_from_db()
    assert user.check_password("a-new-long-password-42")


def test_password_reset_by_e_mail(db):
    user_with("nok")
    client = Client()
    sent = client.post("/accounts/password/reset/", {"email": "nok@example.org"})
    assert sent.status_code == 302 and len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-new-long-password-42", "new_password2": "a-new-long-password-42"},
    )
    assert done.status_code == 302
    assert get_user_model().objects.get(username="nok").check_password("a-new-long-password-42")
    # An address nobody has gets the same answer, and no mail.
    client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert len(mail.outbox) == 1


def test_a_disabled_user_cannot_sign_in(db):
    user = user_with("nok")
    user.is_active = False
    user.save()
    page = Client().post(
        "/accounts/login/", {"username": "nok", "password": "nok-not-a-real-password"}
    )
    assert page.status_code == 200  # the form again, with the error


def test_the_refusal_page_says_who_may(personas):
    page = personas["contributor_th"].get("/review/")
    assert page.status_code == 403
    assert "Secretariat's reviewers" in html.unescape(page.content.decode())
