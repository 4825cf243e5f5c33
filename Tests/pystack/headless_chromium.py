"""Debian's chromium, headless under Playwright, for the suites that drive pages (boundary, console)."""
from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("TOOLPORT_CHROMIUM", "/usr/bin/chromium")


@contextlib.contextmanager
def launched_chromium():
    """A headless Chromium browser (Debian's, through Playwright's `executable_path`), closed on exit; fails the test
    loudly when the binary is missing and skips it when Playwright is."""
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is installed by scripts/test.sh")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/test.sh installs Debian's chromium package")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()
