"""The admin console (/admin) in headless Chromium with JavaScript off: sign-in, cookie flags, CSRF, CSP, auth
configs, connect links, executions (list, filters, detail) and keys. Screenshots go to .build/console/."""
from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest

from toolport_stack import API_KEY, SANDBOX_TOKEN

API = "/api/v3.1"
USER = "console-user"
CSP = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"


def ok(answer, status=200):
    code, _, body = answer
    assert code == status, f"HTTP {code}: {body[:400]!r}"
    return json.loads(body) if body else None


def post_form(url: str, fields: dict, cookie: str | None = None) -> tuple[int, dict, str]:
    """A form POST without following redirects; (status, headers, body)."""
    headers = {"content-type": "application/x-www-form-urlencoded"}
    if cookie:
        headers["cookie"] = cookie

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), method="POST", headers=headers)
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def sign_in(page, server: str, key: str):
    page.goto(server + "/admin/sign-in")
    page.fill("#api_key", key)
    page.click("button[type=submit]")
    page.wait_for_load_state()


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context
    context.close()


@pytest.fixture(scope="module")
def page(context, stack):
    page = context.new_page()
    yield page
    page.close()


def session_cookie(context) -> str:
    cookie = next(cookie for cookie in context.cookies() if cookie["name"] == "toolport_admin")
    return f"toolport_admin={cookie['value']}"


def test_pages_need_a_session(stack, browser, screenshot):
    page = browser.new_page(java_script_enabled=False)
    for path in ("/admin", "/admin/accounts", "/admin/executions", "/admin/keys", "/admin/auth-configs"):
        page.goto(stack.server_url + path)
        assert page.url.endswith("/admin/sign-in"), (path, page.url)
    screenshot(page, "01-sign-in")
    status, _, body = post_form(stack.server_url + "/admin/keys", {"name": "sneaky"})
    assert status == 403 and "sign in again" in body, (status, body[:300])
    page.close()


def test_a_wrong_or_scoped_key_is_refused(stack, browser, screenshot):
    page = browser.new_page(java_script_enabled=False)
    sign_in(page, stack.server_url, "tp_not_a_key_at_all")
    text = page.inner_text("body")
    assert "not a valid API key" in text, text
    assert "tp_not_a_key_at_all" not in page.content(), "the refused key is echoed back"
    screenshot(page, "02-wrong-key")
    scoped = ok(stack.api("POST", "/api/toolport/keys", {"name": "scoped", "user_ids": ["alice"]}), 201)["key"]
    sign_in(page, stack.server_url, scoped)
    assert "only an admin key may sign in" in page.inner_text("body")
    assert not [cookie for cookie in page.context.cookies() if cookie["name"] == "toolport_admin"]
    log = stack.log_path.read_text()
    assert "tp_not_a_key_at_all" not in log and scoped not in log, "a key reached the server log"
    page.close()


def test_sign_in_sets_a_strict_http_only_cookie_and_a_strict_csp(stack, context, page, screenshot):
    sign_in(page, stack.server_url, API_KEY)
    assert page.url.endswith("/admin/accounts"), page.url
    cookie = next(cookie for cookie in context.cookies() if cookie["name"] == "toolport_admin")
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Strict" and cookie["path"] == "/admin", cookie
    assert cookie["secure"] is False, "an http public URL gets no Secure flag"
    response = page.goto(stack.server_url + "/admin/accounts")
    headers = response.headers
    assert headers["content-security-policy"] == CSP, headers
    assert headers["cache-control"] == "no-store" and headers["x-frame-options"] == "DENY", headers
    assert "<script" not in page.content()
    screenshot(page, "03-accounts-empty")


def test_a_form_without_the_sessions_csrf_token_is_refused(stack, context, page):
    cookie = session_cookie(context)
    for fields in ({"name": "no-token"}, {"name": "wrong-token", "csrf_token": "Zm9yZ2Vk"}):
        status, headers, body = post_form(stack.server_url + "/admin/keys", fields, cookie)
        assert status == 403 and "CSRF token" in body, (status, body[:300])
        assert headers["Content-Security-Policy"] == CSP
    names = [key["name"] for key in ok(stack.api("GET", "/api/toolport/keys"))["items"]]
    assert "no-token" not in names and "wrong-token" not in names, names


def test_create_an_auth_config_and_a_connect_link(stack, page, screenshot):
    page.goto(stack.server_url + "/admin/auth-configs")
    screenshot(page, "04-auth-configs-empty")
    form = page.locator("form", has=page.locator("input[name=auth_scheme][value=API_KEY]"))
    form.locator("input[name=name]").fill("Console API key config")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "Auth config created." in page.inner_text("body")
    row = page.locator("tr", has_text="Console API key config")
    assert "ENABLED" in row.inner_text()
    screenshot(page, "05-auth-config-created")

    page.goto(stack.server_url + "/admin/accounts")
    page.fill("#link-user", USER)
    config = page.locator("#link-config option", has_text="Console API key config").get_attribute("value")
    page.select_option("#link-config", config)
    page.click("form[action='/admin/connect-links'] button[type=submit]")
    page.wait_for_load_state()
    link = page.locator("#connect-link").get_attribute("href")
    assert link.startswith(stack.server_url + "/connect/"), link
    assert "INITIATED" in page.inner_text("body")
    screenshot(page, "06-connect-link")

    # The user completes the link (the connect page also works without JavaScript).
    page.goto(link)
    page.fill("#api_token", SANDBOX_TOKEN)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "Pipedrive connected" in page.inner_text("body")
    page.goto(stack.server_url + f"/admin/accounts?user={USER}")
    assert "ACTIVE" in page.locator("table").first.inner_text()
    screenshot(page, "07-account-active")


def test_an_oauth2_auth_config_takes_its_fields_and_a_refusal_names_them(stack, context, page, screenshot):
    page.goto(stack.server_url + "/admin/auth-configs")
    form = page.locator("form", has=page.locator("input[name=auth_scheme][value=OAUTH2]"))
    form.locator("input[name=name]").fill("Console OAuth app")
    form.locator("input[name='credentials.client_id']").fill("console-client")
    form.locator("input[name='credentials.client_secret']").fill("console-secret-value")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "OAUTH2" in page.locator("tr", has_text="Console OAuth app").inner_text()
    assert "console-secret-value" not in page.content(), "a client secret is shown"
    configs = ok(stack.api("GET", f"{API}/auth_configs"))["items"]
    assert any(config["name"] == "Console OAuth app" and config["auth_scheme"] == "OAUTH2" for config in configs), configs

    # The browser does not send a form missing a required field; a hand-made POST is refused by the service.
    csrf = page.locator("input[name=csrf_token]").first.get_attribute("value")
    status, headers, body = post_form(stack.server_url + "/admin/auth-configs",
                                      {"csrf_token": csrf, "auth_scheme": "OAUTH2"}, session_cookie(context))
    assert status == 400 and "missing required credentials: client_id, client_secret" in body, (status, body[:500])
    assert headers["Content-Security-Policy"] == CSP


def test_an_execution_appears_with_its_detail_and_the_filters_work(stack, page, screenshot):
    answer = ok(stack.api("POST", f"{API}/tools/execute/PIPEDRIVE_GET_CURRENT_USER_DATA", {"arguments": {}, "user_id": USER}))
    assert answer["successful"], answer
    log_id = answer["log_id"]
    failed = ok(stack.api("POST", f"{API}/tools/execute/PIPEDRIVE_GET_DEAL", {"arguments": {"id": 987654321}, "user_id": USER}))
    assert not failed["successful"], failed

    # Logs are written in batches (every 50 ms): the page shows the call once it is flushed.
    for _ in range(40):
        page.goto(stack.server_url + "/admin/executions")
        if log_id in page.inner_text("body"):
            break
        page.wait_for_timeout(100)
    body = page.inner_text("body")
    assert log_id in body and "PIPEDRIVE_GET_CURRENT_USER_DATA" in body, body
    screenshot(page, "08-executions")

    def shown(query: str) -> str:
        page.goto(stack.server_url + "/admin/executions?" + query)
        return page.inner_text("table")

    assert log_id in shown("tool=pipedrive_get_current_user_data")
    assert log_id not in shown("tool=PIPEDRIVE_GET_DEAL")
    assert log_id in shown(f"user={USER}&outcome=success")
    assert log_id not in shown("outcome=failure")
    assert failed["log_id"] in shown("outcome=failure")
    assert log_id not in shown("user=somebody-else")
    # The filter form itself (a GET form, no script).
    page.goto(stack.server_url + "/admin/executions")
    page.fill("#tool", "PIPEDRIVE_GET_CURRENT_USER_DATA")
    page.select_option("#outcome", "success")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert "outcome=success" in page.url and log_id in page.inner_text("table")
    screenshot(page, "09-executions-filtered")

    page.click(f"a[href='/admin/executions/{log_id}']")
    page.wait_for_load_state()
    detail = page.inner_text("body")
    assert log_id in detail and "PIPEDRIVE_GET_CURRENT_USER_DATA" in detail and USER in detail, detail
    assert SANDBOX_TOKEN not in page.content(), "a secret reached the log page"
    screenshot(page, "10-execution-detail")


def test_create_and_revoke_a_key(stack, page, screenshot):
    page.goto(stack.server_url + "/admin/keys")
    page.fill("#key-name", "console-made")
    page.fill("#key-users", "alice, bob")
    page.check("input[name=read_only]")
    page.click("form[action='/admin/keys'] button[type=submit]")
    page.wait_for_load_state()
    key = page.inner_text("#new-key")
    assert key.startswith("tp_"), key
    screenshot(page, "11-key-created")
    status, _, _ = stack.api("GET", f"{API}/tools?limit=1", api_key=key)
    assert status == 200
    page.goto(stack.server_url + "/admin/keys")
    assert key not in page.content(), "the key is shown again"
    row = page.locator("tr", has_text="console-made")
    assert "users: alice, bob; read-only" in row.inner_text()
    row.locator("button", has_text="Revoke").click()
    page.wait_for_load_state()
    assert "Key revoked" in page.inner_text("body")
    assert "revoked" in page.locator("tr", has_text="console-made").inner_text()
    screenshot(page, "12-key-revoked")
    status, _, _ = stack.api("GET", f"{API}/tools?limit=1", api_key=key)
    assert status == 401


def test_disable_and_delete_an_account_then_sign_out(stack, context, page, screenshot):
    page.goto(stack.server_url + f"/admin/accounts?user={USER}")
    page.locator("button", has_text="Disable").first.click()
    page.wait_for_load_state()
    assert "Connected account disabled." in page.inner_text("body")
    screenshot(page, "13-account-disabled")
    page.goto(stack.server_url + f"/admin/accounts?user={USER}")
    page.locator("button", has_text="Delete").first.click()
    page.wait_for_load_state()
    assert "Connected account deleted." in page.inner_text("body")
    page.goto(stack.server_url + "/admin/auth-configs")
    page.locator("tr", has_text="Console API key config").locator("button", has_text="Disable").click()
    page.wait_for_load_state()
    assert "DISABLED" in page.locator("tr", has_text="Console API key config").inner_text()

    page.click("header button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("/admin/sign-in?notice=signed-out") and "Signed out." in page.inner_text("body")
    screenshot(page, "14-signed-out")
    assert not [cookie for cookie in context.cookies() if cookie["name"] == "toolport_admin"]
    page.goto(stack.server_url + "/admin/keys")
    assert page.url.endswith("/admin/sign-in")


def test_revoking_the_signed_in_key_ends_its_sessions(stack, browser):
    admin = ok(stack.api("POST", "/api/toolport/keys", {"name": "second admin"}), 201)
    page = browser.new_page(java_script_enabled=False)
    sign_in(page, stack.server_url, admin["key"])
    assert page.url.endswith("/admin/accounts")
    ok(stack.api("DELETE", f"/api/toolport/keys/{admin['id']}"))
    page.goto(stack.server_url + "/admin/accounts")
    assert page.url.endswith("/admin/sign-in"), page.url
    page.close()
