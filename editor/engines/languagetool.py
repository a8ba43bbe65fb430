"""LanguageTool, optional, through language-tool-python's client.

Modes: `off`; `auto` (the default) uses a LanguageTool already installed for
language-tool-python when Java 17+ is present, and is silently off otherwise; `local` is the
same but an error when it is missing; a URL uses a server the user runs. Nothing is ever
downloaded during a check, and an article goes to LanguageTool's public API only when the
user passes that URL (with a warning, since unpublished copy is confidential).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from copydesk.errors import UserError
from copydesk.findings import Finding, Severity
from copydesk.text import Analysis

PUBLIC_HOSTS = ("languagetool.org", "api.languagetool.org", "api.languagetoolplus.com")
# Paragraphs go to the server joined into requests of about this many characters.
BATCH_CHARS = 20000
_SEPARATOR = "\n\n"

INSTALL_HELP = (
    "LanguageTool is not installed for language-tool-python. Install it once with\n"
    "  .venv/bin/python -c 'import language_tool_python as l; l.download_lt.download_lt()'\n"
    "or, offline, unzip a LanguageTool release into ~/.cache/language_tool_python (or the folder\n"
    "named by LTP_PATH), or point LTP_JAR_DIR_PATH at its folder. It needs Java 17 or newer.\n"
    "Or use a server you run: --languagetool http://localhost:8081"
)

# LanguageTool category -> our category and severity.
_CATEGORIES = {
    "TYPOS": ("spelling", Severity.WARNING),
    "GRAMMAR": ("grammar", Severity.WARNING),
    "CONFUSED_WORDS": ("usage", Severity.WARNING),
    "COLLOCATIONS": ("usage", Severity.WARNING),
    "SEMANTICS": ("usage", Severity.WARNING),
    "PUNCTUATION": ("punctuation", Severity.INFO),
    "TYPOGRAPHY": ("typography", Severity.INFO),
    "CASING": ("typography", Severity.INFO),
    "COMPOUNDING": ("spelling", Severity.INFO),
    "STYLE": ("style", Severity.INFO),
    "REDUNDANCY": ("style", Severity.INFO),
    "PLAIN_ENGLISH": ("style", Severity.INFO),
    "BRITISH_ENGLISH": ("spelling", Severity.WARNING),
    "AMERICAN_ENGLISH": ("spelling", Severity.WARNING),
}


class LanguageToolUnavailable(UserError):
    """LanguageTool was asked for by name (`local`) and cannot run; the message says what to do."""


@dataclass(frozen=True)
class Setup:
    """Where LanguageTool runs: a URL, or a local installation (version name, or None for the jar dir)."""

    url: str | None = None
    local_version: str | None = None

    @property
    def is_public(self) -> bool:
        return self.url is not None and (urlparse(self.url).hostname or "") in PUBLIC_HOSTS


def find_local_installation() -> str | None:
    """The version name of an installed LanguageTool, without creating or downloading anything."""
    if os.environ.get("LTP_JAR_DIR_PATH"):
        return "jar-dir" if Path(os.environ["LTP_JAR_DIR_PATH"]).is_dir() else None
    folder = Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")
    versions = sorted(p.name.removeprefix("LanguageTool-") for p in folder.glob("LanguageTool-*") if p.is_dir())
    return versions[-1] if versions else None


def java_major_version() -> int | None:
    java = shutil.which("java")
    if not java:
        return None
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


def resolve_setup(mode: str) -> Setup | None:
    """What `--languagetool MODE` means on this machine; None when LanguageTool is off."""
    if mode == "off":
        return None
    if mode not in ("auto", "local"):
        parsed = urlparse(mode)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise LanguageToolUnavailable(f"--languagetool takes off, auto, local or a server URL, not {mode!r}")
        return Setup(url=mode)
    version = find_local_installation()
    java = java_major_version()
    if version is not None and java is not None and java >= 17:
        return Setup(local_version=version)
    if mode == "auto":
        return None
    if version is None:
        raise LanguageToolUnavailable(INSTALL_HELP)
    raise LanguageToolUnavailable(
        f"LanguageTool {version} is installed but needs Java 17 or newer "
        f"({'no java found' if java is None else f'found Java {java}'}); "
        "install a JDK, e.g. apt-get install openjdk-17-jre"
    )


def utf16_end(text: str, start: int, utf16_length: int) -> int:
    """The code-point end of a span that starts at code point `start` and is `utf16_length` UTF-16 units long.

    language-tool-python converts a match's offset to code points, but not its length; a
    character outside the Basic Multilingual Plane (an emoji) inside the match counts twice there.
    """
    end, units = start, 0
    while end < len(text) and units < utf16_length:
        units += 2 if ord(text[end]) > 0xFFFF else 1
        end += 1
    return end


class LanguageToolEngine:
    """One client (and at most one local server) per process, reused for every paragraph."""

    name = "lt"

    def __init__(
        self,
        setup: Setup,
        language: str = "en-US",
        timeout: float = 30.0,
        words: frozenset[str] = frozenset(),
        on_error: Callable[[str], None] = lambda message: None,
    ) -> None:
        self.setup = setup
        self.language = language
        self.timeout = timeout
        self.words = frozenset(w.lower() for w in words)
        self.on_error = on_error
        self.fingerprint = f"lt:{setup.url or setup.local_version}:{language}:{sorted(self.words)}"
        self._tool: Any = None
        self._failed = False

    def _client(self) -> Any:
        if self._tool is None:
            import language_tool_python as ltp  # imported only when LanguageTool is used

            if self.setup.url:
                tool = ltp.LanguageTool(self.language, remote_server=self.setup.url)
            else:
                version = self.setup.local_version or "jar-dir"
                tool = (
                    ltp.LanguageTool(self.language)
                    if version == "jar-dir"
                    else ltp.LanguageTool(self.language, language_tool_download_version=version)
                )
            setattr(tool, "_TIMEOUT", self.timeout)  # noqa: B010  the client's request timeout, 300 s by default
            self._tool = tool
        return self._tool

    def close(self) -> None:
        if self._tool is not None:
            self._tool.close()
            self._tool = None

    def finalize(self, analysis: Analysis, findings: list[Finding]) -> list[Finding]:
        return findings

    def lint_batch(self, texts: Sequence[str]) -> list[list[Finding]]:
        """Check paragraphs in a few requests: joined with blank lines, results split back."""
        results: list[list[Finding]] = [[] for _ in texts]
        if self._failed:
            return results
        batch: list[int] = []
        size = 0
        for i, text in enumerate(texts):
            if batch and size + len(text) > BATCH_CHARS:
                self._send(texts, batch, results)
                batch, size = [], 0
            batch.append(i)
            size += len(text) + len(_SEPARATOR)
        if batch:
            self._send(texts, batch, results)
        return results

    def _send(self, texts: Sequence[str], batch: list[int], results: list[list[Finding]]) -> None:
        if self._failed:
            return
        joined = _SEPARATOR.join(texts[i] for i in batch)
        try:
            matches = self._client().check(joined)
        except Exception as exc:  # the client raises requests', LanguageTool's and OS errors alike
            self._failed = True
            where = self.setup.url or f"local LanguageTool {self.setup.local_version}"
            self.on_error(f"LanguageTool ({where}) failed, continuing without it: {_short(exc)}")
            return
        starts = []
        pos = 0
        for i in batch:
            starts.append(pos)
            pos += len(texts[i]) + len(_SEPARATOR)
        for match in matches:
            finding = self._finding(joined, match)
            if finding is None:
                continue
            k = max(j for j, s in enumerate(starts) if s <= finding.start)
            local_start = finding.start - starts[k]
            if local_start + (finding.end - finding.start) > len(texts[batch[k]]):
                continue  # a match across the separator belongs to no paragraph
            shift = starts[k]
            results[batch[k]].append(replace(finding, start=finding.start - shift, end=finding.end - shift))

    def _finding(self, text: str, match: Any) -> Finding | None:
        start = int(match.offset)
        end = utf16_end(text, start, int(match.error_length))
        flagged = text[start:end]
        category, severity = _CATEGORIES.get(str(match.category), ("grammar", Severity.WARNING))
        if category == "spelling" and str(match.rule_issue_type) == "misspelling":
            if flagged.lower() in self.words:
                return None
            if flagged[:1].isupper():
                return None  # names are the consistency checks' job, as with Harper
        return Finding(
            rule=f"lt.{match.rule_id}",
            category=category,
            severity=severity,
            message=str(match.message),
            start=start,
            end=end,
            text=flagged,
            replacements=tuple(str(r) for r in match.replacements[:5]),
            confidence=0.7 if severity is Severity.WARNING else 0.5,
            sources=(f"lt:{match.rule_id}",),
        )


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]
