"""The Thai and Vietnamese interface catalogues are complete: nothing untranslated, nothing fuzzy,
and no string in the code or templates that the catalogues lack."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ["th", "vi"]


def _messages(po: Path) -> list:
    with po.open("rb") as handle:
        return [m for m in read_po(handle) if m.id]


def _untranslated(po: Path) -> list[str]:
    problems = []
    for message in _messages(po):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            problems.append(f"untranslated: {message.id!r}")
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
    return problems


@pytest.mark.parametrize("lang", LOCALES)
def test_committed_catalogue_is_complete(lang):
    po = ROOT / "envcoop" / "locale" / lang / "LC_MESSAGES" / "django.po"
    assert len(_messages(po)) > 250
    assert _untranslated(po) == []


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="GNU gettext is installed by make test"
)
def test_every_string_in_code_and_templates_is_in_the_catalogues(tmp_path: Path):
    """Run makemessages on a copy of the project; the refreshed catalogues must still be complete."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT / "config", copy / "config", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(
        ROOT / "envcoop", copy / "envcoop", ignore=shutil.ignore_patterns("__pycache__", "*.mo")
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(copy),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "ENVCOOP_VAR_DIR": str(tmp_path / "var"),
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "--no-obsolete",
            *[f"-l{lang}" for lang in LOCALES],
        ],
        cwd=copy / "envcoop",
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for lang in LOCALES:
        assert _untranslated(copy / "envcoop" / "locale" / lang / "LC_MESSAGES" / "django.po") == []
