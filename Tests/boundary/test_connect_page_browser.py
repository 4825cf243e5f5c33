"""The hosted connect page in a real browser: headless Chromium (Debian's `chromium`) driven by Playwright.

A mistyped token shows Pipedrive's refusal and keeps the form (the link is not used up, the CSRF token
still works); the right token connects. Screenshots go to .build/screenshots/ for review.
"""
from __future__ import annotations

import json

import pytest

from headless_chromium import launched_chromium
from toolport_stack import REPOSITORY, SANDBOX_TOKEN
from test_upstream_boundary import API, auth_config, ok

SCREENSHOTS = REPOSITORY / ".build" / "screenshots"


@pytest.fixture(scope="module")
def browser():
    with launched_chromium() as launched:
        yield launched


def test_a_wrong_token_keeps_the_form_and_the_right_one_connects(stack, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    config = auth_config(stack, "API_KEY")
    link = ok(stack.api("POST", f"{API}/connected_accounts/link", {"auth_config_id": config, "user_id": "browser-user"}), 201)
    page = browser.new_page()
    page.goto(link["redirect_url"])
    page.screenshot(path=str(SCREENSHOTS / "connect-1-form.png"))

    page.fill("#api_token", "mistyped-token")
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_load_state()
    text = page.inner_text("body")
    page.screenshot(path=str(SCREENSHOTS / "connect-2-refused.png"))
    assert "did not accept" in text and "401" in text, text
    assert "mistyped-token" not in page.content()
    assert page.locator("#api_token").count() == 1, "the form is gone after a refused token"
    account = ok(stack.api("GET", f"{API}/connected_accounts/{link['connected_account_id']}"))
    assert account["status"] != "ACTIVE", account

    # The same page, the same CSRF token: the link was not used up.
    page.fill("#api_token", SANDBOX_TOKEN)
    page.fill("#subdomain", "Acme")
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_load_state()
    text = page.inner_text("body")
    page.screenshot(path=str(SCREENSHOTS / "connect-3-connected.png"))
    assert "Pipedrive connected" in text, text
    account = ok(stack.api("GET", f"{API}/connected_accounts/{link['connected_account_id']}"))
    assert account["status"] == "ACTIVE" and account["state"]["val"]["subdomain"] == "acme", json.dumps(account)[:500]
    page.close()
