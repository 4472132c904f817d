"""What a user can set or run is written down: settings, commands, the two make targets."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_environment_variable_is_documented():
    settings = (ROOT / "config" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', settings))
    assert {"DATABASE_URL", "SECRET_KEY", "DEBUG"} <= names
    missing = sorted(name for name in names if f"`{name}`" not in README)
    assert missing == []


def test_every_envcoop_command_is_documented():
    commands = {
        path.stem.replace("_", "-")
        for path in ROOT.glob("envcoop/*/management/commands/*.py")
        if not path.stem.startswith("_")
    }
    assert {"load-reference", "load-demo", "ensure-admin"} <= commands
    missing = sorted(command for command in commands if f"envcoop {command}" not in README)
    assert missing == []


def test_readme_gives_the_two_commands_and_ci_runs_the_same_one():
    assert "make run" in README and "make test" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
