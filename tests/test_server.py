"""`copydesk server`: a real server process, asked by the real client in `copydesk check` and `fix`."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import IRAN, main_in_process, run_cli

from copydesk.cli.client import ask, private_folder

ARTICLE = "The results of the survey shows that the the plan works.\n"


def _served(sock: Path) -> int:
    status = ask(sock, {"command": "status"})
    assert status is not None, "the server stopped answering"
    served: int = status["served"]
    return served


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A server in the foreground of its own process, as `copydesk server start` runs it."""
    sock = tmp_path_factory.mktemp("server") / "copydesk.sock"
    process = subprocess.Popen(
        [sys.executable, "-m", "copydesk", "server", "run", "--socket", str(sock), "--idle-timeout", "10"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 180
    while ask(sock, {"command": "status"}) is None:
        assert process.poll() is None, process.stdout.read().decode() if process.stdout else "exited"
        assert time.monotonic() < deadline, "the server did not answer within 180 s"
        time.sleep(0.2)
    yield sock
    ask(sock, {"command": "stop"})
    process.wait(timeout=30)


def test_a_check_answered_by_the_server_is_the_check_run_here(server: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = _served(server)
    here = main_in_process("check", "--format", "json", "article.txt", cwd=tmp_path)
    there = main_in_process("check", "--format", "json", "article.txt", cwd=tmp_path,
                            env={"COPYDESK_SERVER": str(server)})  # fmt: skip
    assert _served(server) == before + 1  # the server answered, in the caller's folder
    assert (there.returncode, there.stdout, there.stderr) == (here.returncode, here.stdout, here.stderr)
    assert there.returncode == 1 and "repetition.doubled-word" in there.stdout


def test_the_server_reads_the_configuration_again_after_an_edit(server: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    env = {"COPYDESK_SERVER": str(server)}
    (tmp_path / "copydesk.toml").write_text('select = ["repetition"]\n', encoding="utf-8")
    first = main_in_process("check", "--format", "json", "article.txt", cwd=tmp_path, env=env)
    assert "repetition.doubled-word" in first.stdout
    (tmp_path / "copydesk.toml").write_text('ignore = ["repetition", "harper"]\n', encoding="utf-8")
    second = main_in_process("check", "--format", "json", "article.txt", cwd=tmp_path, env=env)
    assert "repetition.doubled-word" not in second.stdout
    assert second.stdout == main_in_process("check", "--format", "json", "article.txt", cwd=tmp_path).stdout


def test_fix_through_the_server_writes_the_file(server: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = _served(server)
    result = main_in_process("fix", "--write", str(article), env={"COPYDESK_SERVER": str(server)})
    assert _served(server) == before + 1
    assert result.returncode in (0, 1), result.stderr
    assert "the the" not in article.read_text(encoding="utf-8")


def test_the_real_command_is_answered_by_the_server(server: Path) -> None:
    """A true subprocess: the command a pre-commit hook runs, with its own client and no imports of the checker."""
    before = _served(server)
    via_server = run_cli("check", str(IRAN), env={"COPYDESK_SERVER": str(server)})
    assert _served(server) == before + 1
    here = run_cli("check", str(IRAN))
    assert (via_server.returncode, via_server.stdout) == (here.returncode, here.stdout)


def test_another_installations_server_is_not_asked_to_check(server: Path) -> None:
    answer = ask(server, {"command": "run", "key": "another", "argv": ["check", "x"], "cwd": "/", "env": {}})
    assert answer is not None and "refused" in answer


def test_a_socket_nobody_answers_is_checked_here(tmp_path: Path) -> None:
    dead = tmp_path / "dead.sock"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(dead))
    listener.close()  # the file stays, as a crashed server leaves it
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = main_in_process("check", "--select", "repetition", str(article), env={"COPYDESK_SERVER": str(dead)})
    assert result.returncode == 1 and "the the" in result.stdout


def test_status_and_stop_say_what_they_found(tmp_path: Path) -> None:
    sock = tmp_path / "none.sock"
    status = main_in_process("server", "status", "--socket", str(sock))
    assert status.returncode == 1 and "no server at" in status.stderr
    stop = main_in_process("server", "stop", "--socket", str(sock))
    assert stop.returncode == 0 and "no server at" in stop.stderr


def test_start_runs_a_server_in_the_background_and_stop_ends_it(tmp_path: Path) -> None:
    sock = tmp_path / "bg.sock"
    started = run_cli("server", "start", "--socket", str(sock), "--idle-timeout", "5")
    assert started.returncode == 0, started.stderr
    assert "running, pid" in started.stdout
    again = run_cli("server", "start", "--socket", str(sock))
    assert again.returncode == 0
    assert again.stdout.split(",")[1] == started.stdout.split(",")[1]  # "pid N": the same server
    stopped = run_cli("server", "stop", "--socket", str(sock))
    assert stopped.returncode == 0 and "stopped the server" in stopped.stderr
    deadline = time.monotonic() + 30
    while sock.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not sock.exists()


def test_a_socket_in_a_folder_others_can_enter_is_neither_used_nor_made(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    assert not private_folder(shared)
    result = main_in_process("server", "run", "--socket", str(shared / "s.sock"))
    assert result.returncode == 2 and "closed to others" in result.stderr
    assert not (shared / "s.sock").exists()


def test_what_is_no_request_is_dropped_and_the_server_goes_on(server: Path) -> None:
    from copydesk.cli.client import install_key

    assert ask(server, {"command": "run", "key": install_key()}) is None  # no argv, no folder: no answer
    assert ask(server, {"command": "status"}) is not None  # and the server still answers


def test_sigterm_ends_the_server_and_removes_its_socket(tmp_path: Path) -> None:
    sock = tmp_path / "term.sock"
    process = subprocess.Popen([sys.executable, "-m", "copydesk", "server", "run", "--socket", str(sock)])
    deadline = time.monotonic() + 180
    while ask(sock, {"command": "status"}) is None:
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.2)
    process.terminate()
    assert process.wait(timeout=30) == 0
    assert not sock.exists()
