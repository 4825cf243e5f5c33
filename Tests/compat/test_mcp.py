"""A real MCP client (the `mcp` package) against Toolport: Streamable HTTP at /mcp, and `toolport mcp-stdio`."""
from __future__ import annotations

import asyncio
import contextlib
import json
import sys
import uuid

import pytest

from conftest import API_KEY, REPOSITORY, SANDBOX_TOKEN
from test_composio_sdk import bearer_account


@contextlib.asynccontextmanager
async def http_session(stack, query: str):
    from mcp import ClientSession
    from mcp.client.streamable_http import create_mcp_http_client, streamable_http_client

    async with create_mcp_http_client(headers={"x-api-key": API_KEY}) as client:
        async with streamable_http_client(f"{stack.server_url}/mcp?{query}", http_client=client) as streams:
            async with ClientSession(streams[0], streams[1]) as session:
                await session.initialize()
                yield session


def structured(result):
    if result.structured_content is not None:
        return result.structured_content
    return json.loads(result.content[0].text)


def test_mcp_over_streamable_http_lists_calls_and_reports_errors(stack):
    user_id = f"mcp-{uuid.uuid4().hex[:8]}"
    bearer_account(stack.composio(), user_id)

    async def scenario():
        async with http_session(stack, f"user_id={user_id}") as session:
            listed = await session.list_tools()
            assert len(listed.tools) == 269
            add_deal = next(tool for tool in listed.tools if tool.name == "PIPEDRIVE_ADD_A_DEAL")
            assert add_deal.input_schema["required"] == ["title"]
            assert add_deal.annotations.read_only_hint is False
            get_deal = next(tool for tool in listed.tools if tool.name == "PIPEDRIVE_GET_DEAL")
            assert get_deal.annotations.read_only_hint is True

            created = await session.call_tool("PIPEDRIVE_ADD_A_DEAL", {"title": "Made over MCP"})
            assert not created.is_error, created
            deal = structured(created)["data"]["data"]
            read = await session.call_tool("PIPEDRIVE_GET_DEAL", {"id": deal["id"]})
            assert not read.is_error
            assert structured(read)["data"]["data"]["title"] == "Made over MCP"

            bad = await session.call_tool("PIPEDRIVE_ADD_A_DEAL", {"stage_id": "x"})
            assert bad.is_error
            assert "title: required" in structured(bad)["error"]

        async with http_session(stack, "toolkits=pipedrive&tags=Leads") as session:
            listed = await session.list_tools()
            assert 0 < len(listed.tools) < 30
            assert all(tool.name.startswith("PIPEDRIVE_") for tool in listed.tools)

    asyncio.run(scenario())


def test_mcp_meta_tool_mode_reaches_every_tool(stack):
    user_id = f"mcp-{uuid.uuid4().hex[:8]}"
    bearer_account(stack.composio(), user_id)

    async def scenario():
        async with http_session(stack, f"mode=search&user_id={user_id}") as session:
            listed = await session.list_tools()
            assert sorted(tool.name for tool in listed.tools) == ["EXECUTE_TOOL", "GET_TOOL_SCHEMAS", "SEARCH_TOOLS"]
            found = structured(await session.call_tool("SEARCH_TOOLS", {"query": "create a deal", "limit": 3}))
            assert found["results"][0]["slug"] == "PIPEDRIVE_ADD_A_DEAL"
            schemas = structured(await session.call_tool("GET_TOOL_SCHEMAS", {"slugs": ["PIPEDRIVE_ADD_A_DEAL"]}))
            assert schemas["tools"][0]["input_parameters"]["required"] == ["title"]
            run = await session.call_tool("EXECUTE_TOOL", {"slug": "PIPEDRIVE_ADD_A_DEAL", "arguments": {"title": "Meta deal"}})
            assert not run.is_error, run
            assert structured(run)["data"]["data"]["title"] == "Meta deal"

    asyncio.run(scenario())


def test_mcp_requires_an_api_key(stack):
    import urllib.error
    import urllib.request

    request = urllib.request.Request(stack.server_url + "/mcp", data=b"{}", method="POST", headers={"content-type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as failure:
        urllib.request.urlopen(request, timeout=5)
    assert failure.value.code == 401


def test_mcp_over_stdio_forwards_to_the_server(stack):
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    user_id = f"mcp-{uuid.uuid4().hex[:8]}"
    bearer_account(stack.composio(), user_id)
    parameters = StdioServerParameters(
        command=str(stack.binary),
        args=["mcp-stdio", "--url", stack.server_url, "--user-id", user_id, "--schemas", str(REPOSITORY / "schemas" / "pipedrive")],
        env={"TOOLPORT_API_KEY": API_KEY},
    )

    async def scenario():
        async with stdio_client(parameters) as (read, write):
            async with ClientSession(read, write) as session:
                await session.initialize()
                listed = await session.list_tools()
                assert len(listed.tools) == 269
                created = await session.call_tool("PIPEDRIVE_ADD_AN_ORGANIZATION", {"name": "Stdio Org"})
                assert not created.is_error, created
                org = structured(created)["data"]["data"]
                read_back = await session.call_tool("PIPEDRIVE_GET_DETAILS_OF_AN_ORGANIZATION", {"id": org["id"]})
                assert structured(read_back)["data"]["data"]["name"] == "Stdio Org"

    asyncio.run(scenario())


def test_mcp_over_stdio_on_the_local_database(stack):
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    user_id = f"mcp-{uuid.uuid4().hex[:8]}"
    bearer_account(stack.composio(), user_id)
    parameters = StdioServerParameters(
        command=str(stack.binary),
        args=["mcp-stdio", "--db", str(stack.workdir / "toolport.sqlite"), "--pipedrive-api-base", stack.sandbox_url,
              "--user-id", user_id, "--mode", "search", "--schemas", str(REPOSITORY / "schemas" / "pipedrive")],
        env={},
    )

    async def scenario():
        async with stdio_client(parameters) as (read, write):
            async with ClientSession(read, write) as session:
                await session.initialize()
                listed = await session.list_tools()
                assert len(listed.tools) == 3
                run = await session.call_tool("EXECUTE_TOOL", {"slug": "PIPEDRIVE_GET_CURRENT_USER_DATA", "arguments": {}})
                assert not run.is_error, run
                assert structured(run)["data"]["data"]["id"]

    asyncio.run(scenario())


def test_mcp_stdio_answers_everything_piped_in_before_stdin_closes(stack):
    """A client that writes its requests (a malformed line among them) and closes stdin at once still gets every
    answer: the process exits only when each request, and the malformed line's parse error, has been answered."""
    import subprocess

    lines = [
        "this is not json",
        json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "pipe", "version": "1"}}}),
        json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}),
        json.dumps({"jsonrpc": "2.0", "id": 2, "method": "ping"}),
        json.dumps({"jsonrpc": "2.0", "id": 3, "method": "tools/call",
                    "params": {"name": "PIPEDRIVE_GET_CURRENT_USER_DATA", "arguments": {}}}),
    ]
    completed = subprocess.run(
        [str(stack.binary), "mcp-stdio", "--pipedrive-api-token", SANDBOX_TOKEN, "--pipedrive-api-base", stack.sandbox_url,
         "--tools", "PIPEDRIVE_GET_CURRENT_USER_DATA", "--schemas", str(REPOSITORY / "schemas" / "pipedrive")],
        input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=30, env={},
    )
    answers = [json.loads(line) for line in completed.stdout.splitlines() if line.strip()]
    by_id = {answer.get("id"): answer for answer in answers}
    assert {1, 2, 3} <= by_id.keys(), answers
    assert by_id[2]["result"] == {}
    assert by_id[3]["result"]["isError"] is False
    assert any(answer.get("error", {}).get("code") == -32700 for answer in answers), answers
