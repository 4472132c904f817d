"""`envcoop users`: add, list, set-role, disable; with the operator's authority, or with
a user's own (``--by``): a focal point manages their country's contributors only."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command

from envcoop.accounts.models import Membership
from envcoop.accounts.rules import may
from tests.conftest import user_with


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("users", *args, stdout=out)
    return out.getvalue()


def test_add_prints_a_password_that_signs_in(db, client):
    out = run(
        "add", "somchai", "--email", "s@example.org", "--role", "focal-point", "--country", "th"
    )
    password = out.strip().splitlines()[-1]
    user = get_user_model().objects.get(username="somchai")
    assert user.check_password(password)
    assert Membership.objects.get(user=user).country.code == "TH"
    signed = client.post("/accounts/login/", {"username": "somchai", "password": password})
    assert signed.status_code == 302


def test_add_can_send_a_link_instead(db):
    run("add", "lan", "--email", "lan@example.org", "--role", "contributor", "--country", "VN",
        "--send-link")  # fmt: skip
    assert len(mail.outbox) == 1 and "/accounts/password/reset/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "focal-point"], "one country"),
        (["--role", "partner", "--country", "TH"], "one organisation"),
        (["--role", "focal-point", "--country", "XX"], "No country has the code"),
        (["--role", "partner", "--organisation", "nowhere"], "No organisation has the key"),
        (["--role", "secretariat-reviewer", "--country", "TH"], "no country"),
    ],
)
def test_a_role_that_does_not_fit_is_refused_and_nothing_written(db, args, message):
    with pytest.raises(CommandError, match=message):
        run("add", "x", "--email", "x@example.org", *args)
    assert not get_user_model().objects.filter(username="x").exists()


def test_a_bad_address_or_a_taken_name_is_refused(db):
    user_with("nok")
    with pytest.raises(CommandError, match="taken"):
        run("add", "nok", "--email", "n@example.org", "--role", "secretariat-reviewer")
    with pytest.raises(CommandError, match="valid email"):
        run("add", "new", "--email", "not-an-address", "--role", "secretariat-reviewer")
    assert not get_user_model().objects.filter(username="new").exists()


def test_list_set_role_and_disable(db):
    user = user_with("nok", "contributor", country="TH")
    assert "given" in run("set-role", "nok", "--role", "secretariat-reviewer")
    assert "already held" in run("set-role", "nok", "--role", "secretariat-reviewer")
    assert may(get_user_model().objects.get(pk=user.pk), "review")
    rows = {row["username"]: row for row in json.loads(run("list", "--json"))}
    assert {r["role"] for r in rows["nok"]["roles"]} == {"contributor", "secretariat-reviewer"}
    assert "removed" in run("set-role", "nok", "--role", "secretariat-reviewer", "--remove")
    assert "disabled" in run("disable", "nok")
    assert not get_user_model().objects.get(pk=user.pk).is_active
    assert "nok (disabled)" in run("list")


def test_an_administrator_role_opens_the_admin(db, client):
    run("add", "boss", "--email", "b@example.org", "--role", "secretariat-admin")
    boss = get_user_model().objects.get(username="boss")
    assert boss.is_staff and boss.is_superuser
    run("set-role", "boss", "--role", "secretariat-admin", "--remove")
    boss.refresh_from_db()
    assert not boss.is_staff and not boss.is_superuser


def test_a_focal_point_manages_their_own_countrys_contributors_only(db):
    user_with("somchai", "focal-point", country="TH")
    user_with("hoa", "focal-point", country="VN")
    run("add", "nok", "--email", "n@example.org", "--role", "contributor", "--country", "TH",
        "--by", "somchai")  # fmt: skip
    assert Membership.objects.filter(user__username="nok", country__code="TH").exists()
    refusals = [
        ["add", "lan", "--email", "l@example.org", "--role", "contributor", "--country", "VN"],
        ["add", "pim", "--email", "p@example.org", "--role", "focal-point", "--country", "TH"],
        ["set-role", "somchai", "--role", "secretariat-admin"],
        ["disable", "hoa"],
    ]
    for args in refusals:
        with pytest.raises(CommandError, match=r"Secretariat.s administrators|focal point"):
            run(*args, "--by", "somchai")
    assert not get_user_model().objects.filter(username__in=["lan", "pim"]).exists()
    assert not Membership.objects.filter(
        user__username="somchai", role="secretariat-admin"
    ).exists()
    assert get_user_model().objects.get(username="hoa").is_active
    assert "disabled" in run("disable", "nok", "--by", "somchai")
    # A contributor and a partner manage nobody.
    user_with("pim", "contributor", country="TH")
    with pytest.raises(CommandError):
        run("add", "x", "--email", "x@example.org", "--role", "contributor", "--country", "TH",
            "--by", "pim")  # fmt: skip


def test_an_unknown_user_is_named(db):
    with pytest.raises(CommandError, match="No user is called"):
        run("disable", "ghost")
