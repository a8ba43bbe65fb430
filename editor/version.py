"""The installed version, for --version, SARIF and the language server's greeting."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def installed_version() -> str:
    try:
        return version("copydesk")
    except PackageNotFoundError:
        return "unknown"
