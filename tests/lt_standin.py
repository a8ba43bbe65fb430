"""A local stand-in for a LanguageTool server, for tests.

LanguageTool's Java server cannot be downloaded on these machines, so the tests start this
instead: a real HTTP server on 127.0.0.1 that answers LanguageTool's documented HTTP API
(`GET /v2/languages`, `POST /v2/check`) with responses in LanguageTool's JSON shape, including
its offsets in UTF-16 code units. copydesk talks to it through language-tool-python's real
client, exactly as it would talk to a real server.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
]

# Fixture rules: a pattern, and the match LanguageTool would return for it.
RULES: list[tuple[str, dict[str, Any], list[str], str]] = [
    (
        r"\bteh\b",
        {
            "id": "MORFOLOGIK_RULE_EN_US",
            "description": "Possible spelling mistake",
            "issueType": "misspelling",
            "category": {"id": "TYPOS", "name": "Possible Typo"},
        },
        ["the", "ten"],
        "Possible spelling mistake found.",
    ),
    (
        r"\ba(?= apple)",
        {
            "id": "EN_A_VS_AN",
            "description": "Use of 'a' vs. 'an'",
            "issueType": "misspelling",
            "category": {"id": "MISC", "name": "Miscellaneous"},
        },
        ["an"],
        "Use “an” instead of ‘a’ if the following word starts with a vowel sound.",
    ),
    (
        r"bad\S*word",
        {
            "id": "BAD_WORD",
            "description": "A test rule",
            "issueType": "style",
            "category": {"id": "STYLE", "name": "Style"},
        },
        ["good word"],
        "This word is bad.",
    ),
]


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class StandIn:
    url: str
    checks: list[str] = field(default_factory=list)
    delay: float = 0.0


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up waiting (the timeout test) is expected: its broken pipe is not
        printed, or it lands on the stderr of whichever test runs next."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def languagetool_standin(delay: float = 0.0) -> Iterator[StandIn]:
    state = StandIn(url="")
    state.delay = delay

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _send(self, body: Any) -> None:
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path.startswith("/v2/languages"):
                self._send(LANGUAGES)
            else:
                self.send_error(404)

        def do_POST(self) -> None:
            if not self.path.startswith("/v2/check"):
                self.send_error(404)
                return
            length = int(self.headers.get("Content-Length", 0))
            form = parse_qs(self.rfile.read(length).decode("utf-8"))
            text = form["text"][0]
            state.checks.append(text)
            if state.delay:
                time.sleep(state.delay)
            matches = []
            for pattern, rule, replacements, message in RULES:
                for m in re.finditer(pattern, text):
                    offset, length16 = utf16_len(text[: m.start()]), utf16_len(m.group())
                    sentence_start = max(0, text.rfind("\n", 0, m.start()) + 1)
                    matches.append(
                        {
                            "message": message,
                            "shortMessage": "",
                            "replacements": [{"value": r} for r in replacements],
                            "offset": offset,
                            "length": length16,
                            "context": {
                                "text": text[sentence_start : m.end() + 20],
                                "offset": utf16_len(text[sentence_start : m.start()]),
                                "length": length16,
                            },
                            "sentence": text[sentence_start : m.end()],
                            "type": {"typeName": "Other"},
                            "rule": rule,
                            "ignoreForIncompleteSentence": False,
                            "contextForSureMatch": 0,
                        }
                    )
            matches.sort(key=lambda x: x["offset"])
            self._send(
                {
                    "software": {"name": "LanguageTool", "version": "6.6", "apiVersion": 1, "status": ""},
                    "language": {"name": "English (US)", "code": form.get("language", ["en-US"])[0]},
                    "matches": matches,
                }
            )

    server = _Server(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
