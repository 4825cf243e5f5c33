"""Fixtures of the console suite: one sandbox and server for the module (Tests/pystack/toolport_stack.py) and one
headless Chromium (Debian's `chromium`, driven by Playwright) whose pages run with JavaScript off."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pystack"))

import toolport_stack  # noqa: E402

CHROMIUM = os.environ.get("TOOLPORT_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = toolport_stack.REPOSITORY / ".build" / "console"

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is installed by scripts/test.sh")


@pytest.fixture(scope="module")
def stack():
    stacks = toolport_stack.Stacks("console")
    yield stacks.start()
    stacks.close()


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/test.sh installs Debian's chromium package")
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def screenshot():
    """Saves the page as .build/console/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> None:
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    return take
