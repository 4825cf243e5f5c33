"""Tool router sessions through the real SDK: `composio.create(user_id=…)`, `composio.use(id)` and the session's
methods, as Composio's own quickstart uses them, against `toolport serve` + `toolport sandbox`."""
from __future__ import annotations

import asyncio
import json
import uuid

import pytest
from composio import exceptions

from conftest import API_KEY
from test_composio_sdk import bearer_account

sdk_row = getattr(pytest.mark, "sdk_row")


def new_user() -> str:
    return f"session-{uuid.uuid4().hex[:8]}"


def connected_session(stack, **settings):
    composio = stack.composio()
    user_id = new_user()
    account = bearer_account(composio, user_id)
    return composio, user_id, account, composio.create(user_id=user_id, toolkits=["pipedrive"], **settings)


@sdk_row("composio.create / session.tools / session.search / session.execute_meta / session.proxy_execute / session.mcp", "POST /api/v3.1/tool_router/session …")
def test_a_whole_session_flow(stack):
    composio, user_id, account, session = connected_session(stack)
    assert session.session_id.startswith("trs_")

    # tools(): the meta tools, as OpenAI functions (the default provider).
    tools = session.tools()
    names = [tool["function"]["name"] for tool in tools]
    assert {"COMPOSIO_SEARCH_TOOLS", "COMPOSIO_MULTI_EXECUTE_TOOL", "COMPOSIO_GET_TOOL_SCHEMAS", "COMPOSIO_MANAGE_CONNECTIONS"} <= set(names)

    # search(): the intended tool first, its schema, and the user's connection.
    found = session.search(query="create a new deal")
    result = found.results[0]
    assert result.primary_tool_slugs[0] == "PIPEDRIVE_ADD_A_DEAL"
    assert "PIPEDRIVE_ADD_A_DEAL" in found.tool_schemas
    assert found.toolkit_connection_statuses[0].has_active_connection is True

    # execute_meta: search, then run two tools at once.
    searched = session.execute_meta("COMPOSIO_SEARCH_TOOLS", arguments={"queries": [{"use_case": "find deals by title"}]})
    assert searched.data["results"][0]["primary_tool_slugs"][0] == "PIPEDRIVE_SEARCH_DEALS"
    title = f"Session deal {uuid.uuid4().hex[:6]}"
    multi = session.execute_meta("COMPOSIO_MULTI_EXECUTE_TOOL", arguments={"tools": [
        {"tool_slug": "PIPEDRIVE_ADD_A_DEAL", "arguments": {"title": title}},
        {"tool_slug": "PIPEDRIVE_GET_ALL_USERS", "arguments": {}},
    ]})
    assert multi.error is None, multi
    results = multi.data["results"]
    assert [item["tool_slug"] for item in results] == ["PIPEDRIVE_ADD_A_DEAL", "PIPEDRIVE_GET_ALL_USERS"]
    assert all(item["response"]["successful"] for item in results)
    deal_id = results[0]["response"]["data"]["data"]["id"]
    assert multi.data["success_count"] == 2

    # execute(): one tool, as the provider's handle_tool_calls does.
    read = session.execute("PIPEDRIVE_GET_DEAL", arguments={"id": deal_id})
    assert read.error is None and read.data["data"]["title"] == title

    # proxy_execute(): a raw Pipedrive request as the session's user.
    proxied = session.proxy_execute(toolkit="pipedrive", endpoint=f"/v1/deals/{deal_id}", method="GET")
    assert proxied["status"] == 200 and proxied["data"]["data"]["title"] == title

    # An MCP client on session.mcp.url sees the session's tools and calls them as its user.
    assert session.mcp.headers == {"x-api-key": API_KEY}

    async def over_mcp():
        from mcp import ClientSession
        from mcp.client.streamable_http import create_mcp_http_client, streamable_http_client

        async with create_mcp_http_client(headers=session.mcp.headers) as client:
            async with streamable_http_client(session.mcp.url, http_client=client) as streams:
                async with ClientSession(streams[0], streams[1]) as mcp:
                    await mcp.initialize()
                    listed = await mcp.list_tools()
                    assert len(listed.tools) == 269
                    called = await mcp.call_tool("PIPEDRIVE_GET_DEAL", {"id": deal_id})
                    assert not called.is_error, called
                    return json.loads(called.content[0].text)

    answered = asyncio.run(over_mcp())
    assert answered["data"]["data"]["title"] == title


@sdk_row("session.execute (a tool outside the session)", "POST /api/v3.1/tool_router/session/{id}/execute")
def test_a_session_runs_only_the_tools_it_enables(stack):
    composio, user_id, account, session = connected_session(stack, tools={"pipedrive": ["PIPEDRIVE_GET_DEAL", "PIPEDRIVE_GET_ALL_DEALS"]})
    found = session.search(query="create a deal")
    assert all(slug in ("PIPEDRIVE_GET_DEAL", "PIPEDRIVE_GET_ALL_DEALS") for slug in found.results[0].primary_tool_slugs)
    refused = session.execute("PIPEDRIVE_ADD_A_DEAL", arguments={"title": "no"})
    assert refused.error and "not enabled in session" in refused.error
    listed = session.execute("PIPEDRIVE_GET_ALL_DEALS", arguments={})
    assert listed.error is None

    async def over_mcp():
        from mcp import ClientSession
        from mcp.client.streamable_http import create_mcp_http_client, streamable_http_client

        async with create_mcp_http_client(headers=session.mcp.headers) as client:
            async with streamable_http_client(session.mcp.url, http_client=client) as streams:
                async with ClientSession(streams[0], streams[1]) as mcp:
                    await mcp.initialize()
                    listed = sorted(tool.name for tool in (await mcp.list_tools()).tools)
                    outside = await mcp.call_tool("PIPEDRIVE_ADD_A_DEAL", {"title": "not in this session"})
                    return listed, outside

    before = len(stack.sandbox_requests())
    listed, outside = asyncio.run(over_mcp())
    assert listed == ["PIPEDRIVE_GET_ALL_DEALS", "PIPEDRIVE_GET_DEAL"]
    assert outside.is_error and "not available here" in outside.content[0].text, outside
    assert len(stack.sandbox_requests()) == before, "a tool outside the session reached Pipedrive over MCP"


@sdk_row("composio.use / session.update / session.list_config_history / composio.sessions.delete",
         "GET|PATCH|DELETE /api/v3.1/tool_router/session/{id}, GET …/config_history")
def test_updates_are_versioned_and_kept_in_the_history(stack):
    composio, user_id, account, session = connected_session(stack)
    again = composio.use(session.session_id)
    assert again.session_id == session.session_id

    config = session.update(tags={"enable": ["readOnlyHint"]}, expected_config_version=1)
    assert config.tags.enabled == ["readOnlyHint"]
    refused = session.execute("PIPEDRIVE_ADD_A_DEAL", arguments={"title": "read-only session"})
    assert "not enabled" in refused.error

    with pytest.raises(exceptions.ComposioError) as conflict:
        session.update(tags=None, expected_config_version=1)
    assert "409" in str(conflict.value) or "version" in str(conflict.value)

    session.update(tags=None)
    history = session.list_config_history()
    assert [item.version for item in history.items] == [3, 2, 1]
    assert history.items[0].is_current is True
    assert history.items[1].config.tags.enabled == ["readOnlyHint"]

    composio.sessions.delete(session.session_id)
    with pytest.raises(exceptions.ComposioError):
        composio.use(session.session_id)


@sdk_row("session.toolkits / session.authorize", "GET …/toolkits, POST …/link")
def test_toolkits_show_the_connection_and_authorize_gives_a_link(stack):
    composio, user_id, account, session = connected_session(stack)
    states = session.toolkits()
    assert [state.slug for state in states.items] == ["pipedrive"]
    assert states.items[0].connection.is_active is True
    assert states.items[0].connection.connected_account.id == account

    stranger = composio.create(user_id=new_user(), toolkits=["pipedrive"])
    assert stranger.toolkits().items[0].connection is None or stranger.toolkits().items[0].connection.is_active is False
    request = stranger.authorize("pipedrive")
    assert request.id.startswith("ca_")
    assert request.redirect_url.startswith(stack.server_url)

    managed = stranger.execute_meta("COMPOSIO_MANAGE_CONNECTIONS", arguments={"toolkits": ["pipedrive"]})
    assert managed.data["results"]["pipedrive"]["redirect_url"].startswith(stack.server_url)


@sdk_row("composio.create(experimental custom tools) / session.execute(LOCAL_…)", "POST /api/v3.1/tool_router/session (echo of custom tools)")
def test_custom_tools_run_in_the_sdks_process(stack):
    from pydantic import BaseModel

    composio = stack.composio()
    calls = []

    class Shout(BaseModel):
        text: str

    @composio.experimental.tool()
    def shout(request: Shout, ctx) -> dict:
        """Upper-cases text."""
        calls.append(ctx.user_id)
        return {"shouted": request.text.upper()}

    user_id = new_user()
    session = composio.create(user_id=user_id, toolkits=["pipedrive"], experimental={"custom_tools": [shout]})
    result = session.execute("LOCAL_SHOUT", arguments={"text": "deal won"})
    assert result.data == {"shouted": "DEAL WON"}
    assert calls == [user_id]


@sdk_row("composio.create (bad settings)", "POST /api/v3.1/tool_router/session")
def test_sessions_refuse_what_toolport_cannot_serve(stack):
    composio = stack.composio()
    with pytest.raises(exceptions.ComposioError) as unknown_toolkit:
        composio.create(user_id=new_user(), toolkits=["gmail"])
    assert "only the pipedrive toolkit" in str(unknown_toolkit.value)
    with pytest.raises(exceptions.ComposioError) as unknown_tool:
        composio.create(user_id=new_user(), tools={"pipedrive": ["PIPEDRIVE_NOPE"]})
    assert "PIPEDRIVE_NOPE" in str(unknown_tool.value)


@sdk_row("session.execute_meta(COMPOSIO_PROXY_EXECUTE)", "POST /api/v3.1/tool_router/session/{id}/execute_meta")
def test_the_proxy_meta_tool_appears_only_when_enabled(stack):
    composio, user_id, account, session = connected_session(stack, proxy_execute=True)
    names = [tool["function"]["name"] for tool in session.tools()]
    assert "COMPOSIO_PROXY_EXECUTE" in names
    answer = session.execute_meta("COMPOSIO_PROXY_EXECUTE", arguments={"toolkit": "pipedrive", "endpoint": "/v1/users/me", "method": "GET"})
    assert answer.error is None and answer.data["status"] == 200
    plain = composio.create(user_id=user_id, toolkits=["pipedrive"])
    assert "COMPOSIO_PROXY_EXECUTE" not in [tool["function"]["name"] for tool in plain.tools()]


@sdk_row("session.experimental.files.*", "GET|POST /api/v3.1/tool_router/session/{id}/mounts/{mount_id}/…",
         unsupported="session file mounts share files with Composio's cloud workbench, which Toolport does not run; pass files to tools as arguments (501)")
def test_session_file_mounts_say_why_they_are_not_served(stack):
    composio, user_id, account, session = connected_session(stack)
    with pytest.raises(exceptions.ComposioError) as refused:
        session.experimental.files.list()
    assert "501" in str(refused.value) and "workbench" in str(refused.value)
