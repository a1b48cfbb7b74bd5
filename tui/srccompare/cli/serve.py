"""``srccompare serve SOURCE...``: the same review app in a web browser, through textual-serve.

For colleagues without a terminal. textual-serve starts one app process per
browser tab by handing a command line to the shell, so that command is built
here from the checked arguments with every one of them quoted: a file name
with spaces, quotes or ``$(...)`` stays a file name and nothing in it runs.
There is no authentication, and an export chosen in the browser writes a file
on the serving machine, so it listens on 127.0.0.1 unless told otherwise, and
any other host is warned about.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from srccompare.core.errors import UserError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
_CMD_UNSAFE = set('%!"^\r\n')
"""Characters cmd.exe acts on even inside double quotes (Windows only)."""


def add_parser(sub: argparse._SubParsersAction) -> None:
    from srccompare.cli.prepare import add_app_arguments

    p = sub.add_parser(
        "serve",
        help="run the review app in a web browser (textual-serve)",
        description="Serve the review app over HTTP for colleagues without a terminal: each browser tab runs "
        "'srccompare SOURCE...' on this machine. There is no authentication, and exports chosen in the "
        "browser write files here: keep the default 127.0.0.1 unless you trust everyone who can reach the host.",
    )
    add_app_arguments(p)
    p.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to listen on (default: {DEFAULT_HOST}, this machine only)"
    )
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default: {DEFAULT_PORT})")
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers open, when it is not http://HOST:PORT (a proxy, or --host 0.0.0.0)",
    )
    p.set_defaults(run=run_serve)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_warning(host: str) -> str | None:
    """The warning printed before listening on anything but loopback."""
    if is_loopback(host):
        return None
    return (
        f"srccompare: warning: serving on {host}: anyone who can reach it can use the app, with no password, "
        "and exports chosen in the browser write files on this machine"
    )


def shell_command(argv: Sequence[str], *, windows: bool = os.name == "nt") -> str:
    """``argv`` as one shell command line that runs exactly ``argv``: every argument quoted."""
    if not windows:
        return shlex.join(argv)
    for arg in argv:
        if _CMD_UNSAFE & set(arg):
            raise UserError("cannot be passed safely to the Windows shell; rename it or give its folder", arg)
    return subprocess.list2cmdline(list(argv))


def app_arguments(args: argparse.Namespace) -> list[str]:
    """The command line of the app each browser tab runs, from the parsed ``serve`` arguments."""
    argv: list[str] = []
    if args.config:
        argv += ["--config", args.config]
    if args.base:
        argv += ["--base", args.base]
    if args.annotations:
        argv += ["--annotations", args.annotations]
    if args.min_severity != "minor":
        argv += ["--min-severity", args.min_severity]
    if args.raw:
        argv.append("--raw")
    if args.allow_outside:
        argv.append("--allow-outside")
    if args.sources:
        argv += ["--", *args.sources]  # a source named like an option or a command stays a source
    return argv


def _title(args: argparse.Namespace) -> str:
    names = [Path(s).name or s for s in args.sources] or [Path(args.annotations or "").name]
    return "srccompare: " + ", ".join(names)


def run_serve(args: argparse.Namespace) -> int:
    """Check the input as the app would, then serve the app until Ctrl+C."""
    from srccompare.cli.launch import check_keymap
    from srccompare.cli.prepare import prepare

    if "-" in args.sources:
        raise UserError("standard input cannot be served (each browser tab starts the app anew); save it to a file")
    if not 0 < args.port < 65536:
        raise UserError(f"--port {args.port} is not a port number (1 to 65535)")
    argv = app_arguments(args)
    _args, config, _sources, _base = prepare(argv)  # a mistake is one line here, not a blank browser tab
    check_keymap(config, args.config)
    command = shell_command([sys.executable, "-m", "srccompare", *argv])
    if warning := host_warning(args.host):
        print(warning, file=sys.stderr)
    import tempfile

    from textual_serve.server import Server

    try:
        folder = tempfile.TemporaryDirectory(prefix="srccompare-serve-")
        offline_templates(Path(folder.name))
    except OSError as exc:
        raise UserError(f"cannot prepare the page to serve ({exc.strerror or exc})", tempfile.gettempdir()) from None
    with folder as templates:
        server = Server(
            command,
            host=args.host,
            port=args.port,
            title=_title(args),
            public_url=args.public_url,
            templates_path=templates,
        )
        try:
            server.serve()
        except OSError as exc:
            raise UserError(f"cannot listen on {args.host}:{args.port} ({exc.strerror or exc})") from None
    return 0


_REMOTE_STYLESHEET = re.compile(r"<link\b[^<>]*\bhref\s*=\s*[\"']?https?://[^<>]*>", re.IGNORECASE)
"""A ``<link>`` that makes the browser load something from another site (textual-serve's page asks
Google for a web font)."""


def offline_templates(folder: Path) -> None:
    """textual-serve's own page templates, written to ``folder`` without links to other sites.

    The page served to a colleague then loads nothing from the internet (the
    terminal falls back to the browser's monospace font), as nothing else
    srccompare does reaches the network.
    """
    import textual_serve

    for template in (Path(textual_serve.__file__).parent / "templates").glob("*.html"):
        page = template.read_text(encoding="utf-8")
        (folder / template.name).write_text(_REMOTE_STYLESHEET.sub("", page), encoding="utf-8")
