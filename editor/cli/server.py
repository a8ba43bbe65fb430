"""The resident checker: `copydesk server start` keeps one process with spaCy's model, Harper and
the rule packs loaded, and `check` or `fix` of a few files runs in it (copydesk.cli.client forwards
them), so a pre-commit hook or an editor's check-on-save answers in a fraction of a second.

Each request runs the command line exactly as a fresh process would, in the caller's folder and
environment, with a new Session (configuration and dictionaries are read again each time); only
what depends on copydesk's own files stays loaded. One request at a time; a socket in a folder
only its owner can enter; the server exits after an idle hour (`--idle-timeout`).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rich.console import Console

from copydesk.cli.check import UsageError
from copydesk.cli.client import ask, install_key, private_folder, receive, send, socket_path
from copydesk.cli.output import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, note
from copydesk.files import atomic_write
from copydesk.version import installed_version

START_TIMEOUT = 120.0  # seconds to wait for a new server to answer (loading takes a few)
_WARM_UP_TEXT = "The results of the survey shows that the the goverment's plan are working.\n"


class _Captured(io.StringIO):
    """What the command prints, as the caller's terminal (or pipe) would take it."""

    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@contextlib.contextmanager
def as_caller(cwd: str, env: dict[str, str]) -> Iterator[None]:
    """The caller's folder and environment (all of it, in place of this process's) for the length
    of one command line."""
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    os.environ.clear()
    os.environ.update(env)
    try:
        os.chdir(cwd)
        yield
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)


def run_request(request: dict[str, Any]) -> dict[str, Any]:
    """Run one forwarded command line; what it printed and its exit code."""
    from copydesk.cli.dispatch import run

    stdout_tty, stderr_tty = request.get("tty", [False, False])
    out, err = _Captured(stdout_tty), _Captured(stderr_tty)
    try:
        with as_caller(request["cwd"], request["env"]), contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(err):  # fmt: skip
            code = run(request["argv"])
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code if isinstance(exc.code, int) else EXIT_ERROR
    except OSError as exc:  # the caller's folder is gone
        err.write(f"copydesk: error: {exc.strerror or exc}\n")
        code = EXIT_ERROR
    return {"stdout": out.getvalue(), "stderr": err.getvalue(), "code": code}


class _Terminated(BaseException):
    """SIGTERM: not an Exception, so that no handler of a command line running then swallows it."""


def _terminate(*_: object) -> None:
    raise _Terminated


class Server:
    """Answers requests on a listening socket until stopped or idle."""

    def __init__(self, path: Path, idle_minutes: float) -> None:
        self.path = path
        self.idle_seconds = idle_minutes * 60 or None
        self.key = install_key()
        self.started = time.time()
        self.served = 0
        self.stopping = False

    def warm_up(self) -> None:
        """Load everything a check loads (imports, model, Harper, rule packs) by checking a sentence."""
        with tempfile.TemporaryDirectory() as folder:
            article = Path(folder) / "warm-up.txt"
            article.write_text(_WARM_UP_TEXT, encoding="utf-8")
            run_request({"argv": ["check", "--format", "json", str(article)], "cwd": folder, "env": dict(os.environ)})

    def serve(self, listener: socket.socket) -> None:
        """Warm up, then answer until stopped or idle (a request made meanwhile waits in the backlog)."""
        signal.signal(signal.SIGTERM, _terminate)  # `kill`: leave no socket behind
        listener.settimeout(self.idle_seconds)
        try:
            self.warm_up()
            while not self.stopping:
                try:
                    conn, _ = listener.accept()
                except TimeoutError:
                    break  # idle: a later check starts in its own process, or starts a server
                with conn:
                    conn.settimeout(None)
                    # The caller went away (Ctrl-C: its answer is moot), or sent what is no request.
                    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
                        self.answer(conn)
        except _Terminated:
            pass
        finally:
            listener.close()
            self.path.unlink(missing_ok=True)

    def answer(self, conn: socket.socket) -> None:
        request = receive(conn)
        if request is None:
            return
        command = request.get("command")
        if command == "status":
            send(conn, self.status())
        elif command == "stop":
            self.stopping = True
            send(conn, {"stopped": os.getpid()})
        elif request.get("key") != self.key:
            send(conn, {"refused": "another installation of copydesk"})
        else:
            answer = run_request(request)
            self.served += 1
            send(conn, answer)

    def status(self) -> dict[str, Any]:
        return {"pid": os.getpid(), "version": installed_version(), "key": self.key,
                "up": time.time() - self.started, "served": self.served}  # fmt: skip


def _listen(path: Path) -> socket.socket:
    """A socket only this user can reach; one left by a dead server is replaced, a live one is not."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not private_folder(path.parent):
        raise UsageError(f"{path.parent}: must belong to you and be closed to others (chmod 700) to hold the socket")
    if ask(path, {"command": "status"}) is not None:
        raise UsageError(f"a server already answers at {path}")
    path.unlink(missing_ok=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(16)
    return listener


def _socket(args: argparse.Namespace) -> Path:
    path = Path(args.socket) if args.socket else socket_path()
    if path is None:
        raise UsageError("this system has no Unix sockets, which the server needs" if not hasattr(socket, "AF_UNIX")
                         else "COPYDESK_SERVER=off: unset it, or pass --socket PATH")  # fmt: skip
    return path


def cmd_server(args: argparse.Namespace, out: Console, err: Console) -> int:
    path = _socket(args)
    if args.action == "run":
        server = Server(path, args.idle_timeout)
        server.serve(_listen(path))
        return EXIT_OK
    status = ask(path, {"command": "status"})
    if args.action == "status":
        if status is None:
            note(err, f"no server at {path}")
            return EXIT_FINDINGS
        out.print(_describe(status, path), highlight=False)
        return EXIT_OK
    if args.action == "stop":
        if status is None:
            note(err, f"no server at {path}")
            return EXIT_OK
        ask(path, {"command": "stop"})
        note(err, f"stopped the server (pid {status['pid']})")
        return EXIT_OK
    if status is not None:  # start
        out.print(_describe(status, path), highlight=False)
        return EXIT_OK
    return _start(path, args.idle_timeout, out, err)


def _start(path: Path, idle_minutes: float, out: Console, err: Console) -> int:
    """Start `server run` detached from this terminal, and wait until it answers."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    log = path.with_suffix(".log")
    atomic_write(log, b"")
    command = [sys.executable, "-m", "copydesk", "server", "run", "--socket", str(path),
               "--idle-timeout", str(idle_minutes)]  # fmt: skip
    with log.open("ab") as sink:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=sink, stderr=sink,
                                   start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        status = ask(path, {"command": "status"})
        if status is not None:
            out.print(_describe(status, path), highlight=False)
            return EXIT_OK
        if process.poll() is not None:
            said = log.read_text(encoding="utf-8", errors="replace").strip()
            raise UsageError(f"the server did not start: {said or f'exit code {process.returncode}'}")
        time.sleep(0.1)
    process.terminate()
    raise UsageError(f"the server did not answer within {START_TIMEOUT:.0f} s (its log: {log})")


def _describe(status: dict[str, Any], path: Path) -> str:
    minutes = status["up"] / 60
    return (f"copydesk server {status['version']}: running, pid {status['pid']}, up {minutes:.0f} min, "
            f"{status['served']} command{'' if status['served'] == 1 else 's'} served; socket {path}")  # fmt: skip
