"""``srccompare serve``: the app in a browser, on loopback unless told otherwise, file names never run as code."""

from __future__ import annotations

import asyncio
import html
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from srccompare.cli import main
from srccompare.cli.prepare import build_parser as app_parser
from srccompare.cli.serve import app_arguments, host_warning, shell_command
from srccompare.core.errors import UserError
from tests.readers.builders import ARTICLE, TITLE

WIRE = "\n\n".join([TITLE, *ARTICLE]) + "\n"
REPRINT = WIRE.replace("41 million", "14 million")
HOSTILE_NAMES = ["it's $(touch pwned) a.txt", 'b & c; `touch pwned2` "q".txt']
posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX shell quoting")


def _sources(folder: Path) -> list[str]:
    for name, text in zip(HOSTILE_NAMES, (WIRE, REPRINT)):
        (folder / name).write_text(text, encoding="utf-8")
    return HOSTILE_NAMES


@posix_only
def test_the_shell_gets_every_name_whole_and_runs_nothing(tmp_path):
    names = [*HOSTILE_NAMES, "-looks-like-an-option.txt", "new\nline.txt", "$HOME"]
    probe = "import json, sys; print(json.dumps(sys.argv[1:]))"
    command = shell_command([sys.executable, "-c", probe, *names])
    done = subprocess.run(command, shell=True, capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert json.loads(done.stdout) == names
    assert list(tmp_path.iterdir()) == []  # no $(touch ...) or `touch ...` ran


def test_windows_quoting_refuses_what_cmd_would_expand():
    assert shell_command(["python", "a b.txt"], windows=True) == 'python "a b.txt"'
    for name in ("100%USERPROFILE%.txt", 'say "hi".txt', "wow!.txt"):
        with pytest.raises(UserError, match="Windows shell"):
            shell_command(["python", name], windows=True)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_loopback_hosts_need_no_warning(host):
    assert host_warning(host) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "review.example.org"])
def test_any_other_host_is_warned_about(host):
    warning = host_warning(host)
    assert warning is not None and host in warning
    assert "no password" in warning and "write files on this machine" in warning


def test_the_app_in_each_tab_gets_the_same_arguments(tmp_path):
    from srccompare.cli.main import build_parser

    given = ["--base", "b", "--annotations", "r.yaml", "--min-severity", "major", "--raw", "align", "-x.txt"]
    args = build_parser().parse_args(["--config", "c.yaml", "serve", *given[:7], "--", *given[7:]])
    app = app_parser().parse_args(app_arguments(args))
    assert (app.config, app.base, app.annotations, app.min_severity, app.raw) == (
        "c.yaml",
        "b",
        "r.yaml",
        "major",
        True,
    )
    assert app.sources == ["align", "-x.txt"]


class _FakeServer:
    """Stands in for textual-serve's Server: records what it was given, serves nothing."""

    made: list[_FakeServer] = []

    def __init__(
        self, command: str, host: str, port: int, title: str, public_url: str | None, templates_path: str
    ) -> None:
        self.command, self.host, self.port, self.title, self.public_url = command, host, port, title, public_url
        self.templates = sorted(p.name for p in Path(templates_path).iterdir())
        _FakeServer.made.append(self)

    def serve(self) -> None:
        pass


@posix_only
@pytest.mark.parametrize("host, warned", [("127.0.0.1", False), ("0.0.0.0", True)])
def test_serve_checks_the_input_then_serves_the_quoted_command(tmp_path, monkeypatch, capsys, host, warned):
    import textual_serve.server

    monkeypatch.setattr(textual_serve.server, "Server", _FakeServer)
    monkeypatch.chdir(tmp_path)
    names = _sources(tmp_path)
    assert main(["serve", "--host", host, "--port", "8123", *names]) == 0
    server = _FakeServer.made.pop()
    assert (server.host, server.port) == (host, 8123)
    assert shlex.split(server.command) == [sys.executable, "-m", "srccompare", "--", *names]
    assert server.title == "srccompare: " + ", ".join(names)
    assert "app_index.html" in server.templates  # the page without links to other sites
    err = capsys.readouterr().err.splitlines()
    assert err == ([host_warning(host)] if warned else [])


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "srccompare", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_serve_reports_a_mistake_before_listening(tmp_path):
    (tmp_path / "a.txt").write_text(WIRE, encoding="utf-8")
    for args, words in (
        (["a.txt", "missing.txt"], ["missing.txt", "no such file"]),
        (["a.txt", "-"], ["standard input"]),
        (["--port", "70000", "a.txt", "a.txt"], ["70000"]),
    ):
        done = _run("serve", *args, cwd=tmp_path)
        assert done.returncode == 2 and "Traceback" not in done.stderr
        (line,) = done.stderr.splitlines()
        assert all(word in line for word in words), line


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str, deadline: float, server: subprocess.Popen) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


async def _app_output(url: str, want: bytes, seconds: float) -> bytes:
    """Open a tab's websocket (which starts the app) and read until ``want`` shows up, at most ``seconds``.

    One deadline for everything: the server's heartbeat pings restart aiohttp's own receive timeout.
    """
    import aiohttp

    got = b""
    try:
        async with asyncio.timeout(seconds), aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
            while want not in got:
                message = await ws.receive()
                if message.type not in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                    break
                got += message.data if isinstance(message.data, bytes) else message.data.encode("utf-8")
    except TimeoutError:
        pass
    return got


@posix_only
def test_serve_listens_on_loopback_and_a_tab_runs_the_app(tmp_path):
    names = _sources(tmp_path)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "srccompare", "serve", "--port", str(port), *names],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        page = _fetch(f"http://127.0.0.1:{port}/", time.monotonic() + 60, server)
        assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page
        assert "srccompare: " + ", ".join(names) in html.unescape(page) and '"q"' not in page  # the title, escaped
        linked = re.findall(r"(?:href|src)\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]*)", page)
        assert linked and all(url.startswith(f"http://127.0.0.1:{port}/") for url in linked), linked  # no other site
        shown = asyncio.run(_app_output(f"http://127.0.0.1:{port}/ws?width=120&height=30", b"Harbour", 60))
        assert b"Harbour" in shown  # the column heading: the app read both files by their odd names
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)  # no file name ran as code
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    assert server.returncode == 0, server.stderr.read().decode() if server.stderr else ""


def test_the_page_templates_link_to_no_other_site(tmp_path):
    import textual_serve

    from srccompare.cli.serve import offline_templates

    shipped = (Path(textual_serve.__file__).parent / "templates" / "app_index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" in shipped  # what this guards against: the page textual-serve ships
    offline_templates(tmp_path)
    page = (tmp_path / "app_index.html").read_text(encoding="utf-8")
    assert not re.search(r"(?:href|src)\s*=\s*[\"']?(?:https?:)?//", page)
    assert "{{ config.static.url }}js/textual.js" in page  # its own scripts and styles stay


@posix_only
def test_a_temporary_folder_that_cannot_be_made_is_one_line(tmp_path, monkeypatch, capsys):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "TemporaryDirectory", refuse)
    monkeypatch.chdir(tmp_path)
    names = _sources(tmp_path)
    assert main(["serve", "--port", "8123", *names]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert "cannot prepare the page to serve" in line and "Permission denied" in line
