"""`envcoop serve`: real gunicorn on a free loopback port, fetched like a browser or a
load balancer would (the same commands the container runs; see README "Running envcoop
for an organisation")."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from envcoop.core.management.commands.serve import default_workers

ENVCOOP = Path(sys.executable).with_name("envcoop")
pytestmark = pytest.mark.server


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _wait(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            _get(url)
            return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                output = server.stdout.read() if server.poll() is not None else ""
                raise AssertionError(f"envcoop serve did not answer: {output}") from None
            time.sleep(0.3)


def _stop(server: subprocess.Popen) -> str:
    server.terminate()  # gunicorn stops its workers gracefully on SIGTERM
    output, _ = server.communicate(timeout=60)
    return output


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    var = tmp_path_factory.mktemp("serve") / "var"
    env = {**os.environ, "ENVCOOP_VAR_DIR": str(var), "DEBUG": "0"}
    env.pop("DATABASE_URL", None)
    for command in (["migrate", "--noinput"], ["load-demo"]):
        subprocess.run(
            [str(ENVCOOP), *command], env=env, check=True, capture_output=True, timeout=600
        )
    port = _free_port()
    server = subprocess.Popen(
        [str(ENVCOOP), "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/healthz", server)
        yield {"base": base, "server": server, "var": var, "env": env}
    finally:
        if server.poll() is None:
            _stop(server)


def test_serve_answers_pages_and_probes_with_security_headers(site):
    base = site["base"]
    status, headers, body = _get(base + "/")
    assert status == 200
    assert "17th ASEAN Ministerial Meeting on Environment" in body.decode()
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "script-src 'self';" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in headers  # HTTPS=0
    assert "gunicorn" in headers.get("Server", "")

    for path in ["/events/", "/events/amme-17/", "/th/", "/search/?q=haze"]:
        assert _get(base + path)[0] == 200, path
    status, headers, body = _get(base + "/static/envcoop/site.css")
    assert status == 200 and b"--accent" in body
    assert "Content-Security-Policy" in headers

    status, _, body = _get(base + "/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok"})
    status, _, body = _get(base + "/readyz")
    ready = json.loads(body)
    # no `envcoop worker` has run against this database: not ready, and it says why
    assert status == 503 and ready["checks"]["worker"]["status"] == "failing", ready
    assert ready["checks"]["database"]["status"] == "ok"
    assert ready["checks"]["migrations"]["status"] == "ok"
    # collectstatic ran before gunicorn started
    assert (site["var"] / "static" / "envcoop" / "site.css").exists()


def test_serve_logs_each_request_to_standard_output_and_stops_on_sigterm(site):
    _get(site["base"] + "/countries/?from=the-access-log")
    output = _stop(site["server"])
    assert site["server"].returncode == 0, output
    assert re.search(r'"GET /countries/\?from=the-access-log HTTP/1\.1" 200', output), output
    assert "Booting worker" in output


def test_readyz_fails_while_migrations_wait_and_healthz_still_answers(tmp_path):
    env = {**os.environ, "ENVCOOP_VAR_DIR": str(tmp_path / "var"), "DEBUG": "0"}
    env.pop("DATABASE_URL", None)
    port = _free_port()
    # a new database: nothing migrated yet
    server = subprocess.Popen(
        [
            str(ENVCOOP),
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--no-collectstatic",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait(f"http://127.0.0.1:{port}/healthz", server)
        assert _get(f"http://127.0.0.1:{port}/healthz")[0] == 200
        status, _, body = _get(f"http://127.0.0.1:{port}/readyz")
        ready = json.loads(body)
        assert status == 503
        assert ready["status"] == "not ready"
        assert ready["checks"]["migrations"]["status"] == "failing"
    finally:
        _stop(server)


def test_the_gunicorn_command_has_sensible_defaults(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    said = subprocess.run(
        [str(ENVCOOP), "serve", "--dry-run"], capture_output=True, text=True, check=True
    ).stdout
    assert "-m gunicorn config.wsgi:application --bind 127.0.0.1:8000" in said
    assert "--access-logfile -" in said and "--timeout 120" in said
    assert default_workers(cores=2) == 5
    assert default_workers(cores=64) == 8
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert default_workers(cores=2) == 3
