"""LanguageTool through language-tool-python's real client.

LanguageTool's Java server cannot be downloaded on these machines: these tests start a local
stand-in (tests/lt_standin.py) that answers LanguageTool's documented HTTP API, `/v2/check` and
`/v2/languages`, with fixtures in LanguageTool's JSON shape and UTF-16 offsets.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

from conftest import main_in_process as copydesk
from lt_standin import languagetool_standin

from copydesk.checker import Checker
from copydesk.engines.languagetool import Setup, resolve_setup, utf16_end
from copydesk.rules import load_rules
from copydesk.settings import Settings


def _checker(
    url: str, timeout: float = 30.0, errors: list[str] | None = None, harper: bool = True, only_lt: bool = False
) -> Checker:
    sink = errors if errors is not None else []
    return Checker(
        load_rules(),
        Settings(
            select=("lt",) if only_lt else (),
            harper=harper,
            dialect="en-US",
            languagetool=url,
            languagetool_timeout=timeout,
        ),
        on_error=sink.append,
    )


def test_matches_become_findings_with_languagetool_categories() -> None:
    with languagetool_standin() as lt:
        checker = _checker(lt.url, only_lt=True)
        text = "I saw teh cat.\n\nShe ate a apple."
        findings = checker.check(text)
    by_rule = {f.rule: f for f in findings}
    spelling = by_rule["lt.MORFOLOGIK_RULE_EN_US"]
    assert (spelling.text, spelling.replacements, spelling.category) == ("teh", ("the", "ten"), "spelling")
    article = by_rule["lt.EN_A_VS_AN"]
    assert text[article.start : article.end] == "a" and article.replacements == ("an",)
    assert article.sources == ("lt:EN_A_VS_AN",)


def test_utf16_offsets_with_emoji_before_and_inside() -> None:
    text = "Party 🎉 time: teh end.\n\nA bad🎉word here, and 𝒳 teh again."
    with languagetool_standin() as lt:
        findings = _checker(lt.url, only_lt=True).check(text)
    flagged = sorted((f.text, text[f.start : f.end]) for f in findings)
    assert flagged == [("bad🎉word", "bad🎉word"), ("teh", "teh"), ("teh", "teh")]


def test_utf16_end_counts_surrogate_pairs() -> None:
    assert utf16_end("a🎉b", 0, 4) == 3
    assert utf16_end("a🎉b", 1, 2) == 2


def test_same_span_from_two_engines_merges_with_both_sources() -> None:
    with languagetool_standin() as lt:
        findings = _checker(lt.url).check("He ate a apple yesterday.")
    article = [f for f in findings if f.text == "a"]
    assert len(article) == 1
    # Our own rule speaks first; LanguageTool's match on the same span is merged into it.
    assert article[0].rule == "grammar.a-an"
    assert article[0].replacements == ("an",)
    assert set(article[0].sources) == {"copydesk", "lt:EN_A_VS_AN"}


def test_paragraphs_are_sent_in_one_batch_and_cached() -> None:
    paragraphs = [f"Paragraph {i} has teh word." for i in range(6)]
    with languagetool_standin() as lt:
        checker = _checker(lt.url, only_lt=True)
        first = checker.check("\n\n".join(paragraphs))
        assert len(lt.checks) == 1
        assert len([f for f in first if f.rule.startswith("lt.")]) == 6
        edited = paragraphs[:]
        edited[3] = "Paragraph 3 was edited, teh end."
        checker.check("\n\n".join(edited))
        assert lt.checks[1] == edited[3]  # only the changed paragraph goes to the server again


def test_server_down_other_engines_still_run(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket closes
    target = tmp_path / "a.txt"
    target.write_text("The the goverment said so.\n", encoding="utf-8")
    result = copydesk("check", "--format", "json", "--languagetool", f"http://127.0.0.1:{port}", str(target))
    assert result.returncode == 1
    assert "LanguageTool (http://127.0.0.1:" in result.stderr and "continuing without it" in result.stderr
    assert "Traceback" not in result.stderr
    rules = {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert {"repetition.doubled-word", "harper.spelling"} <= rules


def test_slow_server_times_out_and_the_check_goes_on() -> None:
    errors: list[str] = []
    with languagetool_standin(delay=3.0) as lt:
        findings = _checker(lt.url, timeout=0.5, errors=errors).check("It was the the end of teh road.")
    assert len(errors) == 1 and "timed out" in errors[0].lower()
    assert any(f.rule == "repetition.doubled-word" for f in findings)
    assert not any(f.rule.startswith("lt.") for f in findings)


def test_cli_with_a_server_url() -> None:
    with languagetool_standin() as lt:
        result = copydesk("check", "--format", "json", "--fail-on", "warning", "--languagetool", lt.url, "-",
                         stdin=b"I saw teh cat.\n")  # fmt: skip
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert any(f["rule"] == "lt.MORFOLOGIK_RULE_EN_US" and f["replacements"][0] == "the" for f in findings)


def test_auto_without_an_installation_is_silently_off(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    assert resolve_setup("auto") is None
    assert list(tmp_path.iterdir()) == []  # nothing downloaded, nothing created
    result = copydesk("check", "-", stdin=b"Fine text.\n", env={"LTP_PATH": str(tmp_path)})
    assert result.returncode == 0 and result.stderr == ""


def test_local_without_an_installation_says_how_to_install(tmp_path: Path) -> None:
    result = copydesk("check", "--languagetool", "local", "-", stdin=b"Text.\n", env={"LTP_PATH": str(tmp_path)})
    assert result.returncode == 2
    assert "LanguageTool is not installed" in result.stderr and "LTP_JAR_DIR_PATH" in result.stderr


def test_public_server_is_recognised() -> None:
    assert Setup(url="https://api.languagetool.org/v2/").is_public
    assert not Setup(url="http://localhost:8081").is_public
