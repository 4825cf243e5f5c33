"""Fixtures of the console suite: one sandbox and server for the module (Tests/pystack/toolport_stack.py) and one
headless Chromium (Debian's `chromium`, driven by Playwright) whose pages run with JavaScript off."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pystack"))

import toolport_stack  # noqa: E402
from headless_chromium import launched_chromium  # noqa: E402

SCREENSHOTS = toolport_stack.REPOSITORY / ".build" / "console"


@pytest.fixture(scope="module")
def stack():
    stacks = toolport_stack.Stacks("console")
    yield stacks.start()
    stacks.close()


@pytest.fixture(scope="module")
def browser():
    with launched_chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def screenshot():
    """Saves the page as .build/console/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> None:
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    return take
