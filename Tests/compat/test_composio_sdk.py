"""The real Composio Python SDK (composio==0.30.0) against Toolport, changing only base_url.

Each case follows a snippet of the seed's Pipedrive page or a call users make, and asserts results.
"""
from __future__ import annotations

import base64
import json
import urllib.request
import uuid

import pytest
from composio import exceptions

from conftest import API_KEY, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_TOKEN


def new_user() -> str:
    return f"user-{uuid.uuid4().hex[:8]}"


def execute(composio, slug, arguments, user_id, **kwargs):
    return composio.tools.execute(slug, arguments, user_id=user_id, dangerously_skip_version_check=True, **kwargs)


def bearer_account(composio, user_id: str) -> str:
    config = composio.auth_configs.create("PIPEDRIVE", {"type": "use_custom_auth", "authScheme": "BEARER_TOKEN", "credentials": {}})
    request = composio.connected_accounts.initiate(
        user_id=user_id, auth_config_id=config.id, config={"auth_scheme": "BEARER_TOKEN", "val": SANDBOX_TOKEN}
    )
    assert request.status == "ACTIVE"
    return request.id


# 1. "Using OAuth2"
@pytest.mark.sdk_row("composio.auth_configs.create", "POST /api/v3.1/auth_configs")
@pytest.mark.sdk_row("composio.connected_accounts.initiate", "POST /api/v3.1/connected_accounts")
@pytest.mark.sdk_row("ConnectionRequest.wait_for_connection", "GET /api/v3.1/connected_accounts/{id}")
@pytest.mark.sdk_row("composio.connected_accounts.get", "GET /api/v3.1/connected_accounts/{id}")
def test_oauth2_snippet_connects_through_consent(stack):
    composio = stack.composio()
    user_id = new_user()
    config = composio.auth_configs.create(
        "PIPEDRIVE",
        {"type": "use_custom_auth", "authScheme": "OAUTH2",
         "credentials": {"client_id": SANDBOX_CLIENT_ID, "client_secret": SANDBOX_CLIENT_SECRET}},
    )
    assert config.id.startswith("ac_")
    request = composio.connected_accounts.initiate(user_id=user_id, auth_config_id=config.id)
    assert request.status == "INITIATED"
    assert request.redirect_url.startswith(stack.sandbox_url + "/oauth/authorize?")

    # The user's browser: the sandbox approves and sends it to Toolport's callback, which redirects on.
    opener = urllib.request.build_opener(urllib.request.HTTPRedirectHandler())
    with opener.open(request.redirect_url, timeout=10) as response:
        assert response.status == 200
        assert "Pipedrive connected" in response.read().decode()

    connected = request.wait_for_connection(timeout=15)
    assert connected.status == "ACTIVE"
    account = composio.connected_accounts.get(request.id)
    assert account.status == "ACTIVE"
    assert account.user_id == user_id
    assert account.auth_config.id == config.id
    result = execute(composio, "PIPEDRIVE_GET_CURRENT_USER_DATA", {}, user_id)
    assert result["successful"], result
    assert result["data"]["data"]["name"]


# 2. "Using Bearer Token", and an API key with a subdomain
@pytest.mark.sdk_row("composio.connected_accounts.initiate", "POST /api/v3.1/connected_accounts")
@pytest.mark.sdk_row("composio.connected_accounts.get", "GET /api/v3.1/connected_accounts/{id}")
def test_bearer_token_snippet_is_active_at_once(stack):
    composio = stack.composio()
    user_id = new_user()
    account_id = bearer_account(composio, user_id)
    account = composio.connected_accounts.get(account_id)
    assert account.status == "ACTIVE"
    assert account.state.auth_scheme == "BEARER_TOKEN"
    assert SANDBOX_TOKEN not in account.model_dump_json(warnings=False)


@pytest.mark.sdk_row("composio.connected_accounts.initiate", "POST /api/v3.1/connected_accounts")
@pytest.mark.sdk_row("composio.tools.execute", "POST /api/v3.1/tools/execute/{slug}")
def test_api_key_connection_with_a_subdomain(stack):
    from composio.types import auth_scheme

    composio = stack.composio()
    user_id = new_user()
    config = composio.auth_configs.create("PIPEDRIVE", {"type": "use_custom_auth", "authScheme": "API_KEY"})
    request = composio.connected_accounts.initiate(
        user_id=user_id, auth_config_id=config.id,
        config=auth_scheme.api_key({"generic_api_key": SANDBOX_TOKEN, "subdomain": "acme"}),
    )
    assert request.status == "ACTIVE"
    account = composio.connected_accounts.get(request.id)
    assert account.state.val.subdomain == "acme"
    result = execute(composio, "PIPEDRIVE_GET_ALL_DEALS", {"limit": 1}, user_id)
    assert result["successful"], result
    assert stack.sandbox_requests()[-1]["headers"]["x-api-token"] == SANDBOX_TOKEN


# 3. "Executing tools"
@pytest.mark.sdk_row("composio.tools.get", "GET /api/v3.1/tools")
def test_tools_get_returns_openai_tools_with_limit_search_and_slugs(stack):
    composio = stack.composio()
    tools = composio.tools.get(user_id="user-1", toolkits=["PIPEDRIVE"])
    assert len(tools) == 269
    first = tools[0]
    assert first["type"] == "function"
    assert first["function"]["name"].startswith("PIPEDRIVE_")
    assert first["function"]["parameters"]["type"] == "object"

    limited = composio.tools.get(user_id="user-1", toolkits=["PIPEDRIVE"], limit=5)
    assert len(limited) == 5
    found = composio.tools.get(user_id="user-1", toolkits=["PIPEDRIVE"], search="create deal", limit=3)
    assert found[0]["function"]["name"] == "PIPEDRIVE_ADD_A_DEAL"
    add_deal = found[0]["function"]["parameters"]
    assert add_deal["required"] == ["title"]
    assert "This parameter is required." in add_deal["properties"]["title"]["description"]

    by_slug = composio.tools.get(user_id="user-1", tools=["PIPEDRIVE_GET_DEAL", "PIPEDRIVE_ADD_LEAD"])
    assert sorted(tool["function"]["name"] for tool in by_slug) == ["PIPEDRIVE_ADD_LEAD", "PIPEDRIVE_GET_DEAL"]


# 4. provider.handle_tool_calls with a hand-built completion
@pytest.mark.sdk_row("composio.provider.handle_tool_calls", "POST /api/v3.1/tools/execute/{slug}")
def test_handle_tool_calls_creates_a_deal_and_reads_it_back(stack):
    from openai.types.chat import ChatCompletion

    composio = stack.composio()
    user_id = new_user()
    bearer_account(composio, user_id)
    composio.tools.get(user_id=user_id, tools=["PIPEDRIVE_ADD_A_DEAL", "PIPEDRIVE_GET_DEAL"])

    def completion(*calls):
        return ChatCompletion.model_validate({
            "id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": "gpt-4o",
            "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
                "role": "assistant", "content": None,
                "tool_calls": [{"id": f"call_{i}", "type": "function", "function": {"name": name, "arguments": json.dumps(args)}}
                               for i, (name, args) in enumerate(calls)],
            }}],
        })

    created = composio.provider.handle_tool_calls(user_id=user_id, response=completion(("PIPEDRIVE_ADD_A_DEAL", {"title": "From an LLM", "value": "1200"})))
    assert len(created) == 1 and created[0]["successful"], created
    deal_id = created[0]["data"]["data"]["id"]
    read = composio.provider.handle_tool_calls(user_id=user_id, response=completion(("PIPEDRIVE_GET_DEAL", {"id": deal_id})))
    assert read[0]["successful"], read
    assert read[0]["data"]["data"]["title"] == "From an LLM"
    assert read[0]["data"]["data"]["id"] == deal_id


# 5. tools.execute across the API, writes read back
@pytest.mark.sdk_row("composio.tools.execute", "POST /api/v3.1/tools/execute/{slug}")
def test_execute_twenty_tools_across_pipedrive(stack):
    composio = stack.composio()
    user_id = new_user()
    bearer_account(composio, user_id)

    def run(slug, arguments):
        result = execute(composio, slug, arguments, user_id)
        assert result["successful"], (slug, result)
        assert set(result) == {"data", "error", "successful"}
        return result["data"]

    org = run("PIPEDRIVE_ADD_AN_ORGANIZATION", {"name": "Compat Org"})["data"]
    assert run("PIPEDRIVE_GET_DETAILS_OF_AN_ORGANIZATION", {"id": org["id"]})["data"]["name"] == "Compat Org"
    person = run("PIPEDRIVE_ADD_A_PERSON", {"name": "Grace Hopper", "org_id": org["id"]})["data"]
    assert run("PIPEDRIVE_GET_DETAILS_OF_A_PERSON", {"id": person["id"]})["data"]["name"] == "Grace Hopper"
    deal = run("PIPEDRIVE_ADD_A_DEAL", {"title": "Compat deal", "person_id": person["id"], "org_id": org["id"]})["data"]
    run("PIPEDRIVE_UPDATE_A_DEAL", {"id": deal["id"], "title": "Compat deal v2"})
    assert run("PIPEDRIVE_GET_DEAL", {"id": deal["id"]})["data"]["title"] == "Compat deal v2"
    activity = run("PIPEDRIVE_ADD_AN_ACTIVITY", {"subject": "Kick-off", "type": "meeting", "deal_id": deal["id"]})["data"]
    assert run("PIPEDRIVE_GET_ACTIVITY", {"id": activity["id"]})["data"]["subject"] == "Kick-off"
    note = run("PIPEDRIVE_ADD_A_NOTE", {"content": "Compat note", "deal_id": deal["id"]})["data"]
    assert run("PIPEDRIVE_GET_NOTE", {"id": note["id"]})["data"]["content"] == "Compat note"
    lead = run("PIPEDRIVE_ADD_LEAD", {"title": "Compat lead", "person_id": person["id"]})["data"]
    assert run("PIPEDRIVE_GET_ONE_LEAD", {"id": lead["id"]})["data"]["title"] == "Compat lead"
    product = run("PIPEDRIVE_ADD_PRODUCT", {"name": "Compat widget"})["data"]
    assert run("PIPEDRIVE_GET_ONE_PRODUCT", {"id": product["id"]})["data"]["name"] == "Compat widget"
    assert run("PIPEDRIVE_GET_ALL_PIPELINES", {})["data"]
    assert run("PIPEDRIVE_GET_ALL_STAGES", {})["data"]
    content = base64.b64encode(b"compat file body").decode()
    file = run("PIPEDRIVE_ADD_FILE", {"file": {"name": "compat.txt", "mimetype": "text/plain", "content": content}, "deal_id": deal["id"]})["data"]
    downloaded = run("PIPEDRIVE_DOWNLOAD_FILE", {"id": file["id"]})
    assert base64.b64decode(downloaded["file"]["content_base64"]) == b"compat file body"
    filter_ = run("PIPEDRIVE_ADD_A_NEW_FILTER", {"name": "Compat filter", "type": "deals", "conditions": {"glue": "and", "conditions": []}})["data"]
    assert run("PIPEDRIVE_GET_ONE_FILTER", {"id": filter_["id"]})["data"]["name"] == "Compat filter"
    assert run("PIPEDRIVE_GET_CURRENT_USER_DATA", {})["data"]["id"]
    hits = run("PIPEDRIVE_SEARCH_DEALS", {"term": "Compat deal"})["data"]["items"]
    assert any(hit["item"]["id"] == deal["id"] for hit in hits)
    assert run("PIPEDRIVE_PERFORM_A_SEARCH_FROM_MULTIPLE_ITEM_TYPES", {"term": "Grace"})["data"]["items"]
    run("PIPEDRIVE_DELETE_DEAL", {"id": deal["id"]})
    gone = execute(composio, "PIPEDRIVE_GET_DEAL", {"id": deal["id"]}, user_id)
    assert not gone["successful"] and gone["error"].startswith("Pipedrive 404")


# 6. Errors as the SDK surfaces them
@pytest.mark.sdk_row("composio.tools.execute", "POST /api/v3.1/tools/execute/{slug}")
@pytest.mark.sdk_row("composio.tools.execute", "GET /api/v3.1/tools/{slug}")
@pytest.mark.sdk_row("composio.connected_accounts.disable", "PATCH /api/v3.1/connected_accounts/{id}/status")
def test_errors_reach_the_caller_as_the_sdk_defines_them(stack):
    composio = stack.composio()
    user_id = new_user()
    account_id = bearer_account(composio, user_id)

    with pytest.raises(exceptions.ToolNotFoundError):
        execute(composio, "PIPEDRIVE_NO_SUCH_TOOL", {}, user_id)

    invalid = execute(composio, "PIPEDRIVE_ADD_A_DEAL", {"stage_id": "x"}, user_id)
    assert invalid["successful"] is False
    assert "title: required" in invalid["error"]
    assert 'stage_id: expected integer, got string "x"' in invalid["error"]

    from composio_client import AuthenticationError, NotFoundError

    with pytest.raises(AuthenticationError):
        stack.composio(api_key="tp_wrong_key").tools.get(user_id=user_id, toolkits=["PIPEDRIVE"])
    with pytest.raises(NotFoundError):
        composio.connected_accounts.get("ca_doesnotexist")

    config_id = composio.connected_accounts.get(account_id).auth_config.id
    with pytest.raises(exceptions.ComposioMultipleConnectedAccountsError):
        composio.connected_accounts.initiate(user_id=user_id, auth_config_id=config_id, config={"auth_scheme": "BEARER_TOKEN", "val": SANDBOX_TOKEN})

    composio.connected_accounts.disable(account_id)
    disabled = execute(composio, "PIPEDRIVE_GET_ALL_DEALS", {}, user_id)
    assert disabled["successful"] is False
    assert "disabled" in disabled["error"]


# 7. Lifecycle
@pytest.mark.sdk_row("composio.connected_accounts.list", "GET /api/v3.1/connected_accounts")
@pytest.mark.sdk_row("composio.connected_accounts.enable", "PATCH /api/v3.1/connected_accounts/{id}/status")
@pytest.mark.sdk_row("composio.connected_accounts.disable", "PATCH /api/v3.1/connected_accounts/{id}/status")
@pytest.mark.sdk_row("composio.connected_accounts.delete", "DELETE /api/v3.1/connected_accounts/{id}")
@pytest.mark.sdk_row("composio.auth_configs.enable", "PATCH /api/v3.1/auth_configs/{id}/{status}")
@pytest.mark.sdk_row("composio.auth_configs.disable", "PATCH /api/v3.1/auth_configs/{id}/{status}")
@pytest.mark.sdk_row("composio.auth_configs.get", "GET /api/v3.1/auth_configs/{id}")
@pytest.mark.sdk_row("composio.auth_configs.list", "GET /api/v3.1/auth_configs")
@pytest.mark.sdk_row("composio.auth_configs.delete", "DELETE /api/v3.1/auth_configs/{id}")
def test_accounts_and_auth_configs_lifecycle(stack):
    composio = stack.composio()
    user_id = new_user()
    account_id = bearer_account(composio, user_id)
    config_id = composio.connected_accounts.get(account_id).auth_config.id

    listed = composio.connected_accounts.list(user_ids=[user_id], statuses=["ACTIVE"], toolkit_slugs=["PIPEDRIVE"])
    assert [item.id for item in listed.items] == [account_id]
    assert composio.connected_accounts.list(user_ids=[user_id], statuses=["EXPIRED"]).items == []

    composio.connected_accounts.disable(account_id)
    assert composio.connected_accounts.get(account_id).is_disabled is True
    composio.connected_accounts.enable(account_id)
    assert composio.connected_accounts.get(account_id).is_disabled is False

    composio.auth_configs.disable(config_id)
    assert composio.auth_configs.get(config_id).status == "DISABLED"
    composio.auth_configs.enable(config_id)
    assert composio.auth_configs.get(config_id).status == "ENABLED"
    assert any(item.id == config_id for item in composio.auth_configs.list(toolkit_slug="PIPEDRIVE").items)

    composio.connected_accounts.delete(account_id)
    with pytest.raises(Exception):
        composio.connected_accounts.get(account_id)
    composio.auth_configs.delete(config_id)
    with pytest.raises(Exception):
        composio.auth_configs.get(config_id)


# Issue 15: an auth config's tool policy, set and read through the SDK, holds its accounts to the listed tools.
@pytest.mark.sdk_row("composio.auth_configs.update", "PATCH /api/v3.1/auth_configs/{id}")
def test_auth_config_tool_policy_through_the_sdk(stack):
    composio = stack.composio()
    user_id = new_user()
    config = composio.auth_configs.create("PIPEDRIVE", {
        "type": "use_custom_auth", "authScheme": "BEARER_TOKEN", "credentials": {},
        "restrict_to_following_tools": ["PIPEDRIVE_GET_ALL_DEALS"],
    })
    composio.connected_accounts.initiate(user_id=user_id, auth_config_id=config.id,
                                         config={"auth_scheme": "BEARER_TOKEN", "val": SANDBOX_TOKEN})
    read = composio.auth_configs.get(config.id)
    assert read.restrict_to_following_tools == ["PIPEDRIVE_GET_ALL_DEALS"]
    assert read.tool_access_config.tools_available_for_execution == ["PIPEDRIVE_GET_ALL_DEALS"]
    assert execute(composio, "PIPEDRIVE_GET_ALL_DEALS", {"limit": 1}, user_id)["successful"] is True

    before = len(stack.sandbox_requests())
    refused = execute(composio, "PIPEDRIVE_ADD_A_DEAL", {"title": "outside the policy"}, user_id)
    assert refused["successful"] is False and "tools_available_for_execution" in refused["error"], refused
    assert len(stack.sandbox_requests()) == before, "a tool outside the policy reached Pipedrive"

    composio.auth_configs.update(config.id, options={
        "type": "custom", "tool_access_config": {"tools_available_for_execution": ["PIPEDRIVE_GET_ALL_DEALS", "PIPEDRIVE_ADD_A_DEAL"]}})
    assert composio.auth_configs.get(config.id).tool_access_config.tools_available_for_execution == [
        "PIPEDRIVE_GET_ALL_DEALS", "PIPEDRIVE_ADD_A_DEAL"]
    assert execute(composio, "PIPEDRIVE_ADD_A_DEAL", {"title": "now allowed"}, user_id)["successful"] is True
