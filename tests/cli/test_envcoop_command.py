"""The `envcoop` command: hyphenated names, our commands, and the administrator account."""

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from envcoop.cli.main import _normalise

ENVCOOP = Path(sys.executable).with_name("envcoop")


def test_hyphenated_command_names():
    assert _normalise(["envcoop", "load-reference", "--update"]) == [
        "envcoop",
        "load_reference",
        "--update",
    ]
    assert _normalise(["envcoop", "--version"]) == ["envcoop", "--version"]
    assert _normalise(["envcoop"]) == ["envcoop"]


def test_the_console_command_lists_our_commands():
    result = subprocess.run([str(ENVCOOP), "help"], capture_output=True, text=True, check=True)
    for command in ("load_reference", "load_demo", "ensure_admin", "migrate", "runserver"):
        assert command in result.stdout
    result = subprocess.run(
        [str(ENVCOOP), "load-demo", "--help"], capture_output=True, text=True, check=True
    )
    assert "running it twice changes nothing" in " ".join(result.stdout.split())


@pytest.mark.django_db
def test_ensure_admin_creates_one_account_with_a_random_password():
    User = get_user_model()
    User.objects.filter(is_superuser=True).delete()
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    password = out.getvalue().split("password: ")[1].split()[0]
    assert len(password) >= 16
    # (django-axes checks every sign-in against the address it comes from: a request)
    request = RequestFactory().post("/accounts/login/")
    assert authenticate(request, username="admin", password=password) is not None
    again = io.StringIO()
    call_command("ensure_admin", stdout=again)
    assert "exists already" in again.getvalue()
    assert User.objects.filter(is_superuser=True).count() == 1
    User.objects.filter(is_superuser=True).delete()
    third = io.StringIO()
    call_command("ensure_admin", stdout=third)
    assert third.getvalue().split("password: ")[1].split()[0] != password


@pytest.mark.django_db
def test_a_broken_data_file_is_a_command_error(tmp_path: Path):
    path = tmp_path / "bad.toml"
    path.write_text(
        '[[event]]\nkey = "t"\nstart = "soon"\nnames = { en = "T" }\n', encoding="utf-8"
    )
    with pytest.raises(CommandError) as error:
        call_command("load_demo", file=str(path), stdout=io.StringIO())
    assert "start" in str(error.value) and "YYYY" in str(error.value)


def test_a_database_without_tables_gets_a_sentence_not_a_traceback(tmp_path: Path):
    import os

    env = {**os.environ, "ENVCOOP_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [str(ENVCOOP), "review", "list"], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 1
    assert "run `envcoop migrate`" in result.stderr and "Traceback" not in result.stderr
