"""The install is the same every day: uv.lock pins every package, and it agrees with
pyproject.toml (a dependency added to one and not the other fails here, not on a user's
machine a month later)."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UV = Path(sys.executable).parent / "uv"

pytestmark = pytest.mark.skipif(not UV.exists(), reason="uv is installed by make setup")


def _check(folder: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    # --offline with an empty cache: the check reads the two files and asks no index.
    return subprocess.run(
        [str(UV), "lock", "--check", "--offline", "--directory", str(folder)],
        capture_output=True,
        text=True,
        env={
            "UV_CACHE_DIR": str(tmp_path / "cache"),
            "UV_PYTHON": sys.executable,
            "PATH": "/usr/bin:/bin",
        },
        timeout=120,
    )


def test_the_lock_agrees_with_pyproject(tmp_path):
    result = _check(ROOT, tmp_path)
    assert result.returncode == 0, result.stderr


def test_a_dependency_missing_from_the_lock_is_caught(tmp_path):
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("pyproject.toml", "uv.lock", "README.md"):
        shutil.copy(ROOT / name, copy / name)
    assert _check(copy, tmp_path).returncode == 0  # the copy agrees, as the project does
    text = (copy / "pyproject.toml").read_text(encoding="utf-8")
    (copy / "pyproject.toml").write_text(
        text.replace('"lxml>=5.0",', '"lxml>=5.0",\n    "six>=1.16",'), encoding="utf-8"
    )
    result = _check(copy, tmp_path)
    assert result.returncode != 0
    assert "No solution found" in result.stderr


def test_every_locked_package_has_an_exact_version_and_hashes():
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    registry = [p for p in lock["package"] if "registry" in p.get("source", {})]
    assert {p["name"] for p in registry} >= {"django", "babel", "pyicu", "pytest"}
    for package in registry:
        assert package["version"]
        files = package.get("wheels", []) + ([package["sdist"]] if "sdist" in package else [])
        assert files and all(f["hash"].startswith("sha256:") for f in files), package["name"]
