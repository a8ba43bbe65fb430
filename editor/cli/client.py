"""The client half of the resident checker: `check` and `fix` of a few files go to a running
`copydesk server`, which has spaCy's model, Harper and the rule packs loaded already.

A cold process spends two seconds importing and loading before it reads a word; this module
imports the standard library alone, so a forwarded check costs a process start and a socket.
When no server runs (the default), or it belongs to another installation, nothing is forwarded
and the command runs in this process as always. COPYDESK_SERVER names another socket, or `off`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import struct
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SERVER_ENV = "COPYDESK_SERVER"
_HEADER = struct.Struct(">I")  # each message: its length, then that much JSON


def install_key() -> str:
    """Which installation a server belongs to: its package folder, and when this file was written
    (an install or upgrade writes it anew), so a server started by another virtualenv, or before an
    upgrade, does not answer for this one. Not the version: importlib.metadata costs 15 ms a check."""
    here = Path(__file__).resolve()
    return hashlib.sha256(f"{here.parent.parent}\x00{here.stat().st_mtime_ns}".encode()).hexdigest()[:16]


def socket_path() -> Path | None:
    """The socket a server listens on: COPYDESK_SERVER, else one per user and installation in the
    user's runtime folder (a folder only its owner can enter); None when turned off or unsupported."""
    configured = os.environ.get(SERVER_ENV, "")
    if configured == "off" or not hasattr(socket, "AF_UNIX"):
        return None
    if configured:
        return Path(configured)
    runtime = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return Path(runtime) / f"copydesk-{os.getuid()}" / f"server-{install_key()}.sock"


def send(sock: socket.socket, message: dict[str, Any]) -> None:
    data = json.dumps(message).encode("utf-8")
    sock.sendall(_HEADER.pack(len(data)) + data)


def receive(sock: socket.socket) -> dict[str, Any] | None:
    """The next message, or None when the other side closed the connection first."""
    header = _read_exactly(sock, _HEADER.size)
    if header is None:
        return None
    body = _read_exactly(sock, _HEADER.unpack(header)[0])
    if body is None:
        return None
    message: dict[str, Any] = json.loads(body)
    return message


def _read_exactly(sock: socket.socket, size: int) -> bytes | None:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = sock.recv(min(size - len(chunks), 1 << 20))
        if not chunk:
            return None
        chunks += chunk
    return bytes(chunks)


def private_folder(folder: Path) -> bool:
    """A folder only this user can enter: a socket elsewhere could be anyone's, and a check sends
    it the environment and the paths of unpublished articles."""
    try:
        info = folder.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & 0o077


def connect(path: Path) -> socket.socket | None:
    if not path.exists() or not private_folder(path.parent):
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(str(path))
    except OSError:  # a socket left by a server that died: nobody answers
        sock.close()
        return None
    return sock


def exchange(sock: socket.socket, message: dict[str, Any]) -> dict[str, Any] | None:
    """Send one request on a connected socket and close it after the answer (None: no answer)."""
    with sock:
        send(sock, message)
        return receive(sock)


def ask(path: Path, message: dict[str, Any]) -> dict[str, Any] | None:
    """One request and its answer; None when no server answers at that socket."""
    sock = connect(path)
    return None if sock is None else exchange(sock, message)


def forward(argv: Sequence[str]) -> int | None:
    """Run the command in the server and say what it said; None when there is no server to ask."""
    path = socket_path()
    if path is None:
        return None
    sock = connect(path)
    if sock is None:
        return None
    env = dict(os.environ)
    terminal = sys.stdout.isatty(), sys.stderr.isatty()
    if terminal[0]:  # the server has no terminal to measure
        size = shutil.get_terminal_size()
        env.setdefault("COLUMNS", str(size.columns))
        env.setdefault("LINES", str(size.lines))
    request = {
        "command": "run",
        "key": install_key(),
        "argv": list(argv),
        "cwd": os.getcwd(),
        "env": env,
        "tty": list(terminal),
    }
    answer = exchange(sock, request)
    if answer is None:
        sys.stderr.write(
            f"copydesk: error: the server at {path} closed the connection before answering; "
            f"run `copydesk server stop`, or set {SERVER_ENV}=off to check without it\n"
        )
        return 2
    if "refused" in answer:  # another installation's server: check here
        return None
    sys.stderr.write(answer["stderr"])
    sys.stderr.flush()
    sys.stdout.write(answer["stdout"])
    sys.stdout.flush()
    code: int = answer["code"]
    return code
