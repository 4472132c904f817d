"""Smoke test: a real `envcoop runserver` process on a new database serves the dashboard."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ENVCOOP = Path(sys.executable).with_name("envcoop")
pytestmark = pytest.mark.server


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode("utf-8")


def test_runserver_serves_the_populated_dashboard(tmp_path: Path):
    env = {**os.environ, "ENVCOOP_VAR_DIR": str(tmp_path / "var")}
    env.pop("DATABASE_URL", None)
    for command in (["migrate", "--noinput"], ["load-demo"], ["ensure-admin"]):
        subprocess.run(
            [str(ENVCOOP), *command], env=env, check=True, capture_output=True, timeout=300
        )
    port = _free_port()
    server = subprocess.Popen(
        [str(ENVCOOP), "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body = _get(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        assert status == 200
        assert "Environmental cooperation dashboard" in body
        assert "17th ASEAN Ministerial Meeting on Environment" in body
        status, body = _get(f"http://127.0.0.1:{port}/th/")
        assert status == 200 and "แดชบอร์ดความร่วมมือด้านสิ่งแวดล้อม" in body
        status, body = _get(f"http://127.0.0.1:{port}/static/envcoop/site.css")
        assert status == 200 and "--accent" in body
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert (tmp_path / "var" / "envcoop.sqlite3").exists()
