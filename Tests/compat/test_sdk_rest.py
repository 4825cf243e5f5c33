"""The real Composio SDK (composio==0.30.0) against Toolport: proxy execute, logs, revocation, the toolkit extras,
toolkits.authorize with token auth configs, per-call credentials, and the routes Toolport refuses on purpose.

Each test names its rows of the SDK surface table with `sdk_row` (conftest.py, scripts/compat_table.py).
"""
from __future__ import annotations

import html
import re
import time
import urllib.parse
import urllib.request

import composio_client
import pytest
from composio import exceptions

from conftest import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_TOKEN
from test_composio_sdk import bearer_account, execute, new_user

PROXY = ("composio.tools.proxy", "POST /api/v3.1/tools/execute/proxy")


def oauth_account(stack, composio, user_id: str) -> tuple[str, str]:
    """An OAuth account connected through the sandbox's consent page: (account id, auth config id)."""
    config = composio.auth_configs.create("PIPEDRIVE", {
        "type": "use_custom_auth", "authScheme": "OAUTH2",
        "credentials": {"client_id": SANDBOX_CLIENT_ID, "client_secret": SANDBOX_CLIENT_SECRET}})
    request = composio.connected_accounts.initiate(user_id=user_id, auth_config_id=config.id)
    with urllib.request.build_opener(urllib.request.HTTPRedirectHandler()).open(request.redirect_url, timeout=10) as page:
        assert page.status == 200
    assert request.wait_for_connection(timeout=15).status == "ACTIVE"
    return request.id, config.id


def new_requests(stack, before: int) -> list[dict]:
    return stack.sandbox_requests()[before:]


# ---------------------------------------------------------------------------------------------------
# tools.proxy


@pytest.mark.sdk_row(*PROXY)
def test_proxy_reaches_every_spelling_of_a_pipedrive_path_with_the_accounts_token(stack):
    composio = stack.composio()
    user_id = new_user()
    account_id = bearer_account(composio, user_id)

    created = composio.tools.proxy(endpoint="/v1/deals", method="POST", body={"title": "Proxied deal"}, connected_account_id=account_id)
    assert created.status == 201, created
    deal_id = created.data["data"]["id"]
    assert created.headers["content-type"].startswith("application/json")
    assert stack.sandbox_requests()[-1]["headers"]["authorization"] == f"Bearer {SANDBOX_TOKEN}"

    for endpoint, path in [(f"deals/{deal_id}", f"/api/v1/deals/{deal_id}"), (f"/v1/deals/{deal_id}", f"/api/v1/deals/{deal_id}"),
                           (f"/api/v1/deals/{deal_id}", f"/api/v1/deals/{deal_id}"), (f"/v2/deals/{deal_id}", f"/api/v2/deals/{deal_id}"),
                           (f"api/v2/deals/{deal_id}", f"/api/v2/deals/{deal_id}")]:
        answer = composio.tools.proxy(endpoint=endpoint, method="GET", user_id=user_id)
        assert answer.status == 200, (endpoint, answer)
        assert answer.data["data"]["title"] == "Proxied deal", endpoint
        assert stack.sandbox_requests()[-1]["path"] == path

    missing = composio.tools.proxy(endpoint="/v1/deals/987654321", method="GET", user_id=user_id)
    assert missing.status == 404 and missing.data["success"] is False, "Pipedrive's failure comes back as it is"
    assert missing.log_id.startswith("log_")


@pytest.mark.sdk_row(*PROXY)
def test_proxy_adds_header_and_query_parameters(stack):
    composio = stack.composio()
    user_id = new_user()
    bearer_account(composio, user_id)
    before = len(stack.sandbox_requests())
    answer = composio.tools.proxy(endpoint="/api/v2/deals?sort_by=id", method="GET", user_id=user_id, parameters=[
        {"name": "X-Request-Source", "type": "header", "value": "compat"}, {"name": "limit", "type": "query", "value": "1"}])
    assert answer.status == 200, answer
    [sent] = new_requests(stack, before)
    assert sent["query"] == {"sort_by": "id", "limit": "1"}
    assert sent["headers"]["x-request-source"] == "compat"

    with pytest.raises(composio_client.BadRequestError, match="carries a credential"):
        composio.tools.proxy(endpoint="deals", method="GET", user_id=user_id,
                             parameters=[{"name": "Authorization", "type": "header", "value": "Bearer stolen"}])
    with pytest.raises(composio_client.BadRequestError, match="has no body"):
        composio.tools.proxy(endpoint="deals", method="GET", user_id=user_id, body={"title": "x"})
    assert len(stack.sandbox_requests()) == before + 1


@pytest.mark.sdk_row(*PROXY)
def test_proxy_signs_with_an_oauth_token_or_an_api_token(stack):
    composio = stack.composio()
    oauth_user = new_user()
    account_id, _ = oauth_account(stack, composio, oauth_user)
    me = composio.tools.proxy(endpoint="users/me", method="GET", connected_account_id=account_id)
    assert me.status == 200 and me.data["data"]["id"], me
    assert stack.sandbox_requests()[-1]["headers"]["authorization"].startswith("Bearer sbx_at_")

    from composio.types import auth_scheme

    token_user = new_user()
    config = composio.auth_configs.create("PIPEDRIVE", {"type": "use_custom_auth", "authScheme": "API_KEY"})
    composio.connected_accounts.initiate(user_id=token_user, auth_config_id=config.id,
                                         config=auth_scheme.api_key({"generic_api_key": SANDBOX_TOKEN, "subdomain": "acme"}))
    assert composio.tools.proxy(endpoint="/v1/users/me", method="GET", user_id=token_user).status == 200
    assert stack.sandbox_requests()[-1]["headers"]["x-api-token"] == SANDBOX_TOKEN


@pytest.mark.sdk_row(*PROXY)
def test_proxy_refuses_other_hosts_and_sends_nothing(stack):
    composio = stack.composio()
    user_id = new_user()
    bearer_account(composio, user_id)
    before = len(stack.sandbox_requests())
    for endpoint in ("https://evil.example.com/v1/deals", "https://other-company.pipedrive.com/api/v1/deals", "//evil.example.com/deals",
                     "/v1/deals/../../oauth/token", "/v3/deals"):
        with pytest.raises(composio_client.BadRequestError) as refused:
            composio.tools.proxy(endpoint=endpoint, method="GET", user_id=user_id)
        assert "endpoint" in str(refused.value), endpoint
    with pytest.raises(composio_client.BadRequestError, match="not this connected account's Pipedrive host"):
        composio.tools.proxy(endpoint="https://evil.example.com/v1/deals", method="GET", user_id=user_id)
    assert len(stack.sandbox_requests()) == before, "a refused endpoint reached the sandbox"

    with pytest.raises(composio_client.BadRequestError, match="no active Pipedrive connection"):
        composio.tools.proxy(endpoint="deals", method="GET", user_id=new_user())


@pytest.mark.sdk_row(*PROXY)
def test_proxy_with_custom_connection_data_uses_that_token_once(stack):
    composio = stack.composio()
    user_id = new_user()
    answer = composio.tools.proxy(endpoint="/v1/users/me", method="GET", user_id=user_id, custom_connection_data={
        "auth_scheme": "API_KEY", "toolkit_slug": "pipedrive", "val": {"generic_api_key": SANDBOX_TOKEN}})
    assert answer.status == 200, answer
    assert stack.sandbox_requests()[-1]["headers"]["x-api-token"] == SANDBOX_TOKEN
    assert composio.connected_accounts.list(user_ids=[user_id]).items == [], "nothing was stored"
    log = composio.logs.get(answer.log_id)
    assert log.metadata.credential_source == "custom_auth" and log.data["connected_account_id"] is None


def test_scoped_keys_proxy_only_without_a_tool_list(stack):
    composio = stack.composio()
    user_id = new_user()
    bearer_account(composio, user_id)
    status, created = stack.api("POST", "/api/toolport/keys", {"name": "compat tools", "user_ids": [user_id], "tools": ["PIPEDRIVE_GET_*"]})
    assert status == 201, created
    with pytest.raises(composio_client.PermissionDeniedError, match="proxy reaches any Pipedrive endpoint"):
        stack.composio(api_key=created["key"]).tools.proxy(endpoint="deals", method="GET", user_id=user_id)
    status, reader = stack.api("POST", "/api/toolport/keys", {"name": "compat reader", "user_ids": [user_id], "read_only": True})
    assert status == 201, reader
    scoped = stack.composio(api_key=reader["key"])
    assert scoped.tools.proxy(endpoint="deals", method="GET", user_id=user_id).status == 200
    with pytest.raises(composio_client.PermissionDeniedError, match="read-only"):
        scoped.tools.proxy(endpoint="deals", method="POST", user_id=user_id, body={"title": "no"})


# ---------------------------------------------------------------------------------------------------
# logs.get and logs.search


def execute_for_log(stack, slug: str, arguments: dict, user_id: str) -> str:
    """Runs a tool with a raw call (the SDK drops log_id from execute results) and returns its log id."""
    status, result = stack.api("POST", f"/api/v3.1/tools/execute/{slug}", {"arguments": arguments, "user_id": user_id})
    assert status == 200, result
    return result["log_id"]


@pytest.mark.sdk_row("composio.logs.get", "GET /api/v3.1/logs/tool_execution/{id}")
def test_logs_get_answers_composios_log_shape(stack):
    composio = stack.composio()
    user_id = new_user()
    account_id = bearer_account(composio, user_id)
    log_id = execute_for_log(stack, "PIPEDRIVE_GET_ALL_DEALS", {"limit": 1}, user_id)
    log = composio.logs.get(log_id)
    assert (log.id, log.type, log.status, log.level) == (log_id, "tool.execution", "success", "info")
    assert log.metadata.credential_source == "connected_account"
    assert log.metrics["attempts"] == 1 and log.timings.end_time >= log.timings.start_time
    assert log.data["tool_slug"] == "PIPEDRIVE_GET_ALL_DEALS" and log.data["connected_account_id"] == account_id
    assert log.data["url"].endswith("/api/v2/deals"), "the URL is kept without its query"

    failed = composio.logs.get(execute_for_log(stack, "PIPEDRIVE_GET_DEAL", {"id": 987654321}, user_id))
    assert (failed.status, failed.level) == ("failed", "error") and failed.message.startswith("Pipedrive 404")

    status, own = stack.api("GET", f"/api/v3.1/logs/{log_id}")
    assert status == 200 and own["log_id"] == log_id and own["tool_slug"] == "PIPEDRIVE_GET_ALL_DEALS"
    with pytest.raises(composio_client.NotFoundError):
        composio.logs.get("log_doesnotexist")


@pytest.mark.sdk_row("composio.logs.search", "POST /api/v3.1/logs/tool_execution")
def test_logs_search_filters_pages_and_bounds_by_time(stack):
    composio = stack.composio()
    user_id = new_user()
    account_id = bearer_account(composio, user_id)
    config_id = composio.connected_accounts.get(account_id).auth_config.id
    started = int(time.time() * 1000)
    ids = [execute_for_log(stack, "PIPEDRIVE_GET_ALL_DEALS", {"limit": 1}, user_id),
           execute_for_log(stack, "PIPEDRIVE_GET_DEAL", {"id": 987654321}, user_id),
           execute_for_log(stack, "PIPEDRIVE_GET_ALL_DEALS", {"limit": 1}, user_id)]
    mine = [{"field": "user_id", "operator": "==", "value": user_id}]

    first = composio.logs.search(filters=mine, limit=2)
    assert [log.id for log in first.logs] == ids[:0:-1] and first.next_cursor, "newest first"
    rest = composio.logs.search(filters=mine, limit=2, cursor=first.next_cursor)
    assert [log.id for log in rest.logs] == ids[:1] and rest.next_cursor is None

    def found(*filters, **extra):
        return [log.id for log in composio.logs.search(filters=mine + list(filters), **extra).logs]

    assert found({"field": "status", "operator": "==", "value": "failed"}) == [ids[1]]
    assert found({"field": "tool_slug", "operator": "==", "value": "PIPEDRIVE_GET_DEAL"}) == [ids[1]]
    assert found({"field": "tool_slug", "operator": "not_contains", "value": "ALL"}) == [ids[1]]
    assert found({"field": "auth_config_id", "operator": "==", "value": config_id}) == ids[::-1]
    assert found({"field": "connected_account_id", "operator": "!=", "value": account_id}) == []
    assert found({"field": "toolkit_slug", "operator": "==", "value": "pipedrive"}) == ids[::-1]
    assert found({"field": "toolkit_slug", "operator": "==", "value": "gmail"}) == []
    assert found(time_range={"from": started, "to": int(time.time() * 1000) + 1000}) == ids[::-1]
    assert found(time_range={"from": started + 3_600_000, "to": started + 7_200_000}) == []
    with pytest.raises(composio_client.BadRequestError, match="operator"):
        composio.logs.search(filters=[{"field": "user_id", "operator": "~", "value": user_id}])

    other = new_user()
    bearer_account(composio, other)
    execute_for_log(stack, "PIPEDRIVE_GET_ALL_DEALS", {"limit": 1}, other)
    status, created = stack.api("POST", "/api/toolport/keys", {"name": "compat logs", "user_ids": [user_id]})
    assert status == 201, created
    scoped = stack.composio(api_key=created["key"]).logs.search(limit=100)
    assert {log.id for log in scoped.logs} == set(ids), "a scoped key sees its users' logs only"


# ---------------------------------------------------------------------------------------------------
# connected_accounts.revoke


@pytest.mark.sdk_row("composio.connected_accounts.revoke", "POST /api/v3.1/connected_accounts/{id}/revoke")
def test_revoking_an_oauth_account_revokes_the_grant_at_pipedrive_once(stack):
    composio = stack.composio()
    user_id = new_user()
    account_id, _ = oauth_account(stack, composio, user_id)
    assert execute(composio, "PIPEDRIVE_GET_CURRENT_USER_DATA", {}, user_id)["successful"]
    access_token = stack.sandbox_requests()[-1]["headers"]["authorization"]
    before = len(stack.sandbox_requests())

    result = composio.connected_accounts.revoke(account_id)
    assert result.connected_account.id == account_id and result.connected_account.status == "REVOKED"
    assert sorted(result.revoked_tokens) == ["access_token", "refresh_token"]
    [revocation] = new_requests(stack, before)
    assert revocation["path"] == "/oauth/revoke" and "token_type_hint=refresh_token" in revocation["body"]

    assert composio.connected_accounts.get(account_id).status == "REVOKED"
    refused = execute(composio, "PIPEDRIVE_GET_CURRENT_USER_DATA", {}, user_id)
    assert refused["successful"] is False and "REVOKED" in refused["error"]
    gone = urllib.request.Request(stack.sandbox_url + "/api/v1/users/me", headers={"Authorization": access_token})
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(gone, timeout=5)
    assert answer.value.code == 401, "Pipedrive (the sandbox) no longer takes the revoked grant's access token"

    again = composio.connected_accounts.revoke(account_id)
    assert again.revoked_tokens == [] and again.connected_account.status == "REVOKED"


@pytest.mark.sdk_row("composio.connected_accounts.revoke", "POST /api/v3.1/connected_accounts/{id}/revoke")
def test_revoking_a_token_account_forgets_its_token(stack):
    composio = stack.composio()
    user_id = new_user()
    account_id = bearer_account(composio, user_id)
    result = composio.connected_accounts.revoke(account_id)
    assert result.revoked_tokens == ["credential"] and result.connected_account.status == "REVOKED"
    assert execute(composio, "PIPEDRIVE_GET_ALL_DEALS", {}, user_id)["successful"] is False
    with pytest.raises(composio_client.NotFoundError):
        composio.connected_accounts.revoke("ca_doesnotexist")


# ---------------------------------------------------------------------------------------------------
# Toolkits


@pytest.mark.sdk_row("composio.tools.get(slug=…)", "GET /api/v3.1/tools")
def test_one_tool_by_slug(stack):
    composio = stack.composio()
    [tool] = composio.tools.get(user_id="user-1", slug="PIPEDRIVE_GET_DEAL")
    assert tool["function"]["name"] == "PIPEDRIVE_GET_DEAL"
    assert composio.tools.get(user_id="user-1", slug="PIPEDRIVE_NO_SUCH_TOOL") == []


@pytest.mark.sdk_row("composio.toolkits.get", "GET /api/v3.1/toolkits/{slug}")
@pytest.mark.sdk_row("composio.toolkits.list", "GET /api/v3.1/toolkits")
def test_toolkit_and_toolkits(stack):
    composio = stack.composio()
    toolkit = composio.toolkits.get("pipedrive")
    assert toolkit.slug == "pipedrive" and toolkit.meta.tools_count == 269
    assert [item.slug for item in composio.toolkits.list().items] == ["pipedrive"]
    fields = composio.toolkits.get_connected_account_initiation_fields("pipedrive", "API_KEY", required_only=True)
    assert [field.name for field in fields] == ["token"]


@pytest.mark.sdk_row("composio.toolkits.get_many", "POST /api/v3.1/toolkits/multi")
def test_get_many_answers_the_toolkits_it_has(stack):
    composio = stack.composio()
    assert [toolkit.slug for toolkit in composio.toolkits.get_many(["pipedrive", "gmail"])] == ["pipedrive"]
    assert composio.toolkits.get_many(["gmail"]) == []
    assert composio.toolkits.get_many(["PIPEDRIVE"], category="crm", limit=5)[0].meta.tools_count == 269
    assert composio.toolkits.get_many(["pipedrive"], managed_by="composio") == [], "Toolport manages no Composio auth"


@pytest.mark.sdk_row("composio.toolkits.list_categories", "GET /api/v3.1/toolkits/categories")
def test_categories(stack):
    assert [(category.id, category.name) for category in stack.composio().toolkits.list_categories()] == [("crm", "CRM")]


@pytest.mark.sdk_row("composio.toolkits.changelog", "GET /api/v3.1/toolkits/changelog")
def test_changelog_names_the_served_version(stack):
    changelog = stack.composio().toolkits.changelog()
    [entry] = changelog.items
    assert (entry.slug, entry.display_name) == ("pipedrive", "Pipedrive")
    [version] = entry.versions
    assert version.version == stack.composio().toolkits.get("pipedrive").meta.version
    assert version.changelog.startswith("269 Pipedrive tools")


@pytest.mark.sdk_row("composio.toolkits.recommend_scopes", "POST /api/v3.1/toolkits/{slug}/scopes/recommended")
def test_recommend_scopes_from_the_tools_scopes(stack):
    composio = stack.composio()
    read = composio.toolkits.recommend_scopes("pipedrive", tools=["PIPEDRIVE_GET_DEAL"])
    assert read.auth_scheme == "OAUTH2" and read.scopes.least_privilege == ["deals:read"] and read.scopes.conditional == []
    write = composio.toolkits.recommend_scopes("pipedrive", tools=["PIPEDRIVE_GET_DEAL", "PIPEDRIVE_ADD_A_DEAL"], auth_scheme="OAUTH2")
    assert write.scopes.least_privilege == ["deals:full"] and write.scopes.fewest == ["deals:full"]
    every = composio.toolkits.recommend_scopes("pipedrive", tools=[])
    assert "admin" in every.scopes.fewest and len(every.scopes.fewest) <= len(every.scopes.least_privilege)
    assert composio.toolkits.recommend_scopes("pipedrive", tools=[], auth_scheme="API_KEY").scopes.least_privilege == []
    with pytest.raises(composio_client.BadRequestError, match="rules out"):
        composio.toolkits.recommend_scopes("pipedrive", tools=["PIPEDRIVE_ADD_A_DEAL"], exclude=["deals:full"])
    with pytest.raises(composio_client.NotFoundError):
        composio.toolkits.recommend_scopes("pipedrive", tools=["PIPEDRIVE_NO_SUCH_TOOL"])


@pytest.mark.sdk_row("composio.toolkits.list_grant_contexts", "GET /api/v3.1/toolkits/{slug}/scopes/grant_context")
def test_grant_contexts_are_none_for_pipedrive(stack):
    contexts = stack.composio().toolkits.list_grant_contexts("pipedrive", auth_scheme="OAUTH2", toolkit_version="latest")
    assert contexts.grant_context_dimensions == [] and contexts.default_grant_context == {}
    with pytest.raises(composio_client.NotFoundError):
        stack.composio().toolkits.list_grant_contexts("gmail")


# ---------------------------------------------------------------------------------------------------
# toolkits.authorize with a token auth config


def fill_connect_page(url: str, token: str) -> str:
    """What the user does on the connect page: reads its form and posts the token; the answer page's text."""
    with urllib.request.urlopen(url, timeout=10) as page:
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.read().decode()).group(1)
    form = urllib.parse.urlencode({"csrf_token": html.unescape(csrf), "api_token": token, "subdomain": ""}).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=form, method="POST"), timeout=10) as answer:
        return answer.read().decode()


@pytest.mark.sdk_row("composio.toolkits.authorize", "GET /api/v3.1/auth_configs, POST /api/v3.1/connected_accounts")
@pytest.mark.parametrize("scheme", ["API_KEY", "BEARER_TOKEN"])
def test_authorize_with_a_token_auth_config_answers_a_connect_link(stack, scheme):
    composio = stack.composio()
    user_id = new_user()
    config = composio.auth_configs.create("PIPEDRIVE", {"type": "use_custom_auth", "authScheme": scheme, "credentials": {}})
    request = composio.toolkits.authorize(user_id=user_id, toolkit="pipedrive")
    assert request.status == "INITIATED"
    assert request.redirect_url.startswith(stack.server_url + "/connect/")
    assert composio.connected_accounts.get(request.id).auth_config.id == config.id, "authorize picks the newest auth config"

    assert "Pipedrive connected" in fill_connect_page(request.redirect_url, SANDBOX_TOKEN)
    assert request.wait_for_connection(timeout=15).status == "ACTIVE"
    assert execute(composio, "PIPEDRIVE_GET_CURRENT_USER_DATA", {}, user_id)["successful"]


# ---------------------------------------------------------------------------------------------------
# Per-call credentials on tools.execute, and text


@pytest.mark.sdk_row("composio.tools.execute(custom_auth_params=…)", "POST /api/v3.1/tools/execute/{slug}")
def test_custom_auth_params_sign_one_call_and_are_stored_nowhere(stack):
    composio = stack.composio()
    user_id = new_user()
    header = {"base_url": "https://api.pipedrive.com", "parameters": [{"name": "x-api-token", "value": SANDBOX_TOKEN, "in_": "header"}]}
    result = execute(composio, "PIPEDRIVE_GET_CURRENT_USER_DATA", {}, user_id, custom_auth_params=header)
    assert result["successful"], result
    assert stack.sandbox_requests()[-1]["headers"]["x-api-token"] == SANDBOX_TOKEN

    query = {"parameters": [{"name": "api_token", "value": SANDBOX_TOKEN, "in_": "query"}]}
    assert execute(composio, "PIPEDRIVE_GET_ALL_DEALS", {"limit": 1}, user_id, custom_auth_params=query)["successful"]
    sent = stack.sandbox_requests()[-1]
    assert "api_token" not in sent["query"] and sent["headers"]["x-api-token"] == SANDBOX_TOKEN, "a token never goes in the URL"

    bearer = {"parameters": [{"name": "Authorization", "value": f"Bearer {SANDBOX_TOKEN}", "in_": "header"}]}
    assert execute(composio, "PIPEDRIVE_GET_CURRENT_USER_DATA", {}, None, custom_auth_params=bearer)["successful"]

    assert composio.connected_accounts.list(user_ids=[user_id]).items == [], "no account was made"
    [log, *_] = composio.logs.search(filters=[{"field": "user_id", "operator": "==", "value": user_id}]).logs
    assert log.metadata.credential_source == "custom_auth"

    before = len(stack.sandbox_requests())
    for params, message in [
        ({**header, "base_url": "https://evil.example.com"}, "base_url"),
        ({"parameters": header["parameters"] + bearer["parameters"]}, "exactly one Pipedrive token"),
        ({"parameters": [{"name": "x-other", "value": "v", "in_": "header"}]}, "not a Pipedrive credential"),
    ]:
        with pytest.raises(composio_client.BadRequestError, match=message):
            execute(composio, "PIPEDRIVE_GET_CURRENT_USER_DATA", {}, user_id, custom_auth_params=params)
    assert len(stack.sandbox_requests()) == before


@pytest.mark.sdk_row("composio.tools.execute(custom_connection_data=…)", "POST /api/v3.1/tools/execute/{slug}")
def test_custom_connection_data_signs_one_call(stack):
    composio = stack.composio()
    user_id = new_user()
    data = {"auth_scheme": "BEARER_TOKEN", "toolkit_slug": "pipedrive", "val": {"token": SANDBOX_TOKEN}}
    assert execute(composio, "PIPEDRIVE_GET_CURRENT_USER_DATA", {}, user_id, custom_connection_data=data)["successful"]
    assert stack.sandbox_requests()[-1]["headers"]["authorization"] == f"Bearer {SANDBOX_TOKEN}"
    with pytest.raises(composio_client.BadRequestError, match="toolkitSlug"):
        execute(composio, "PIPEDRIVE_GET_CURRENT_USER_DATA", {}, user_id, custom_connection_data={**data, "toolkit_slug": "gmail"})


@pytest.mark.sdk_row("composio.tools.execute(text=…)", "POST /api/v3.1/tools/execute/{slug}",
                     unsupported="Composio writes arguments from text with a language model; Toolport runs none (400)")
def test_text_is_refused_without_calling_pipedrive(stack):
    composio = stack.composio()
    user_id = new_user()
    bearer_account(composio, user_id)
    before = len(stack.sandbox_requests())
    with pytest.raises(composio_client.BadRequestError, match="language model"):
        execute(composio, "PIPEDRIVE_GET_ALL_DEALS", {}, user_id, text="list my deals")
    assert len(stack.sandbox_requests()) == before


@pytest.mark.sdk_row("composio.connected_accounts.update_acl", "PATCH /api/v3.1/connected_accounts/{id}",
                     unsupported="every Toolport connected account belongs to one user: there are no SHARED connections (400)")
def test_update_acl_is_refused_as_the_sdk_expects(stack):
    composio = stack.composio()
    account_id = bearer_account(composio, new_user())
    with pytest.raises(exceptions.ComposioAclOnlyForSharedError):
        composio.connected_accounts.update_acl(account_id, allow_all_users=True)


# ---------------------------------------------------------------------------------------------------
# Composio cloud features: 501 with the reason


CLOUD_ONLY = [
    ("composio.keyring.list_transfer_keys", "GET /api/v3.1/keyring/transfer_keys",
     "Composio's customer-managed keyring; Toolport seals secrets with its own master key",
     lambda composio: composio.keyring.list_transfer_keys()),
    ("composio.experimental.usage.summary", "POST /api/v3.1/project/usage/summary", "Composio's usage metering and billing",
     lambda composio: composio.experimental.usage.summary()),
    ("composio.experimental.usage.breakdown", "POST /api/v3.1/project/usage/{entity_type}", "Composio's usage metering and billing",
     lambda composio: composio.experimental.usage.breakdown("tool_calls")),
    ("composio.experimental.custom_toolkits.upsert", "POST /api/v3.1/custom/toolkits/upsert",
     "custom toolkits live in Composio's cloud; Toolport serves the pipedrive toolkit only",
     lambda composio: composio.experimental.custom_toolkits.upsert(
         slug="INTERNAL", toolkit_config={"name": "Internal", "app_url": "https://mcp.example.com/mcp", "auth_schemes": []})),
    ("composio.experimental.custom_toolkits.sync", "POST /api/v3.1/custom/toolkits/sync",
     "custom toolkits live in Composio's cloud; Toolport serves the pipedrive toolkit only",
     lambda composio: composio.experimental.custom_toolkits.sync("CUSTOM_INTERNAL")),
    ("composio.experimental.custom_toolkits.delete", "DELETE /api/v3.1/custom/toolkits/{slug}",
     "custom toolkits live in Composio's cloud; Toolport serves the pipedrive toolkit only",
     lambda composio: composio.experimental.custom_toolkits.delete("CUSTOM_INTERNAL")),
    ("composio.connected_accounts.complete_auth", "POST /api/v3.1/connected_accounts/complete_auth",
     "Composio's OAuth callback verifier; Toolport completes OAuth on its own callback",
     lambda composio: composio.connected_accounts.complete_auth(user_id="u1", session_uri="session")),
]


@pytest.mark.parametrize("call", [
    pytest.param(call, id=method, marks=pytest.mark.sdk_row(method, route, unsupported=f"{why} (501)"))
    for method, route, why, call in CLOUD_ONLY
])
def test_cloud_only_calls_answer_501_with_the_reason(stack, call):
    with pytest.raises(composio_client.InternalServerError) as error:
        call(stack.composio())
    assert error.value.status_code == 501
    assert error.value.response.headers["x-should-retry"] == "false", "the SDK must not retry it"
    assert "Not available in Toolport" in str(error.value)


@pytest.mark.parametrize("method, path", [
    ("GET", "/api/v3.1/org/list"), ("POST", "/api/v3.1/org/owner/project/new"), ("GET", "/api/v3/auth/session/info"),
    ("POST", "/api/v3.1/cli/create-session"), ("POST", "/api/v3.1/api_key_revocation"), ("POST", "/api/v3.1/tools/execute/PIPEDRIVE_GET_DEAL/input"),
    ("POST", "/api/v3.1/org/usage/summary"),
])
def test_other_cloud_routes_answer_501_not_404(stack, method, path):
    status, answer = stack.api(method, path, {})
    assert status == 501, answer
    assert answer["error"]["slug"] == "Route_NotImplemented" and answer["error"]["message"].startswith("Not available in Toolport")
