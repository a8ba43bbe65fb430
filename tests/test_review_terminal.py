"""End to end: the real `copydesk review` command in a real terminal (tmux), keys sent as a person types."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import IRAN

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (apt-get install tmux)")


def tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False)


def screen(name: str) -> str:
    return tmux("capture-pane", "-p", "-t", name).stdout


def wait_for(name: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        shown = screen(name)
        if text in shown:
            return shown
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared:\n{screen(name)}")


def test_review_accept_write_quit_in_tmux(tmp_path: Path) -> None:
    target = tmp_path / "iran.txt"
    shutil.copy(IRAN, target)
    exe = Path(sys.executable).parent / "copydesk"
    name = f"copydesk-{uuid.uuid4().hex[:8]}"
    started = tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "30",
                   f"cd {tmp_path} && TERM=xterm-256color {exe} review iran.txt")  # fmt: skip
    assert started.returncode == 0, started.stderr
    try:
        first = wait_for(name, "1/")
        total = first.split("1/", 1)[1].split()[0]
        for expected_left in (int(total) - 1, int(total) - 2, int(total) - 3):
            tmux("send-keys", "-t", name, "a")
            wait_for(name, f"1/{expected_left} ")
        tmux("send-keys", "-t", name, "w")
        time.sleep(0.5)
        tmux("send-keys", "-t", name, "q")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and tmux("has-session", "-t", name).returncode == 0:
            time.sleep(0.2)
    finally:
        tmux("kill-session", "-t", name)
    text = target.read_text(encoding="utf-8")
    assert "London, December 20 -" in text
    assert "it is only the tip of the iceberg" in text
    assert "remain hidden and their perpetrators" in text
    assert "prosecution do forward" in text  # the fourth finding was not accepted
