"""Files (Composio's upload flow and the download helper) and MCP server configs (`composio.mcp.*`) through the real
Composio SDK (composio==0.30.0) against `toolport serve`, and a real MCP client on the URLs `generate` gives.

The SDK fetches presigned upload and download URLs only when they resolve to public addresses
(`composio.utils.url_safety.assert_safe_fetch_target`, raising `BlockedInternalUrlError`); no setting relaxes it.
This suite runs on 127.0.0.1 and may not leave loopback, so:
- the auto-upload tests replace only `composio.utils.url_safety.is_blocked_ip` (the SDK looks it up at call time), so
  that 127.0.0.1 counts as public; everything else is the SDK's own code: the presign request, the PUT and its
  200 check, the `{name, mimetype, s3key}` argument, the download of `s3url` into a local file;
- the pre-staged tests use no patch at all: the bytes are PUT to Toolport's upload URL by the caller, and the tool
  argument names them by `s3key`, with auto-upload off (the SDK forwards the argument untouched);
- one test shows the refusal a self-hosted server on a private address meets with auto-upload on.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import urllib.error
import urllib.request
import uuid

import pytest
from composio import exceptions

from conftest import API_KEY
from test_composio_sdk import bearer_account, execute, new_user


def composio_with_files(stack, upload_dir, download_dir):
    from composio import Composio

    return Composio(
        api_key=API_KEY, base_url=stack.server_url, allow_tracking=False, dangerously_allow_auto_upload_download_files=True,
        file_upload_dirs=[str(upload_dir)], file_download_dir=str(download_dir),
    )


@pytest.fixture
def loopback_counts_as_public(monkeypatch):
    """Lets the SDK fetch presigned URLs on 127.0.0.1. The SDK refuses every address that is not globally routable
    (`is_blocked_ip`), with no setting to allow a self-hosted server on loopback or a private network; this suite's
    server is on loopback and may not leave it. Only that one predicate is replaced, for the test's duration."""
    import composio.utils.url_safety as url_safety

    monkeypatch.setattr(url_safety, "is_blocked_ip", lambda address: False)


def deal_for(composio, user_id) -> int:
    result = execute(composio, "PIPEDRIVE_ADD_A_DEAL", {"title": f"Files {uuid.uuid4().hex[:6]}"}, user_id)
    assert result["successful"], result
    return result["data"]["data"]["id"]


def http(method: str, url: str, body: bytes | None = None, headers: dict | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# ---------------------------------------------------------------------------------------------------
# Files


@pytest.mark.sdk_row("composio.tools.execute (auto-upload, public hostname)", "POST /api/v3/files/upload/request")
@pytest.mark.sdk_row("composio.tools.execute (auto-upload, public hostname)", "PUT <new_presigned_url>")
@pytest.mark.sdk_row("composio.tools.execute (auto-download, public hostname)", "GET <s3url>")
def test_auto_upload_and_download_through_the_sdk(stack, tmp_path, loopback_counts_as_public):
    uploads, downloads = tmp_path / "uploads", tmp_path / "downloads"
    uploads.mkdir()
    composio = composio_with_files(stack, uploads, downloads)
    user_id = new_user()
    bearer_account(composio, user_id)
    deal_id = deal_for(composio, user_id)
    report = uploads / "report.txt"
    report.write_bytes(b"quarterly numbers\n" * 100)

    added = execute(composio, "PIPEDRIVE_ADD_FILE", {"file": str(report), "deal_id": deal_id}, user_id)
    assert added["successful"], added
    stored = added["data"]["data"]
    assert stored["name"] == "report.txt"
    assert stored["file_size"] == report.stat().st_size

    # The SDK's download helper fetched data.file.s3url and put the local path in its place.
    downloaded = execute(composio, "PIPEDRIVE_DOWNLOAD_FILE", {"id": stored["id"]}, user_id)
    assert downloaded["successful"], downloaded
    local = downloaded["data"]["file"]
    assert isinstance(local, str) and local.startswith(str(downloads))
    assert open(local, "rb").read() == report.read_bytes()


@pytest.mark.sdk_row("composio.tools.execute (auto-upload, loopback or private server)", "PUT <new_presigned_url>",
                     unsupported="the SDK fetches presigned URLs only on public addresses (BlockedInternalUrlError); "
                                 "use a public hostname, or pre-stage the upload and pass {name, mimetype, s3key}")
def test_auto_upload_to_a_loopback_server_is_refused_by_the_sdk(stack, tmp_path):
    composio = composio_with_files(stack, tmp_path, tmp_path / "downloads")
    user_id = new_user()
    bearer_account(composio, user_id)
    (tmp_path / "a.txt").write_text("hello")
    with pytest.raises(exceptions.BlockedInternalUrlError, match="non-public address"):
        execute(composio, "PIPEDRIVE_ADD_FILE", {"file": str(tmp_path / "a.txt")}, user_id)


@pytest.mark.sdk_row("composio.client.files.create_presigned_url", "POST /api/v3.1/files/upload/request")
@pytest.mark.sdk_row("composio.tools.execute (pre-staged s3key)", "POST /api/v3.1/tools/execute/{slug}")
def test_prestaged_upload_works_without_any_patch(stack):
    composio = stack.composio()
    user_id = new_user()
    bearer_account(composio, user_id)
    deal_id = deal_for(composio, user_id)
    content = b"\x00\x01 pre-staged bytes \xff"

    # Ask for an upload URL with the SDK's own client (the route its auto-upload uses is the /api/v3 twin).
    ticket = composio._client.files.create_presigned_url(
        toolkit_slug="pipedrive", tool_slug="PIPEDRIVE_ADD_FILE", filename="notes.bin", mimetype="application/octet-stream",
        md5=hashlib.md5(content).hexdigest(),
    )
    assert ticket.key.startswith("uploads/")
    assert ticket.new_presigned_url.startswith(stack.server_url + "/files/" + ticket.key + "?")
    # The PUT needs no API key: the URL's signature allows exactly this one upload.
    assert http("PUT", ticket.new_presigned_url, content, {"Content-Type": "application/octet-stream"})[0] == 200
    assert http("PUT", ticket.new_presigned_url, b"other bytes")[0] == 409
    forged = ticket.new_presigned_url.replace("signature=", "signature=x")
    assert http("PUT", forged, content)[0] in (400, 403)

    argument = {"name": "notes.bin", "mimetype": "application/octet-stream", "s3key": ticket.key}
    added = execute(composio, "PIPEDRIVE_ADD_FILE", {"file": argument, "deal_id": deal_id}, user_id)
    assert added["successful"], added
    file_id = added["data"]["data"]["id"]

    # Without auto-download the file comes back base64-encoded, and at s3url for any HTTP client.
    downloaded = execute(composio, "PIPEDRIVE_DOWNLOAD_FILE", {"id": file_id}, user_id)
    assert downloaded["successful"], downloaded
    file = downloaded["data"]["file"]
    assert base64.b64decode(file["content_base64"]) == content
    assert http("GET", file["s3url"]) == (200, content)
    assert http("PUT", file["s3url"], b"x")[0] == 405

    missing = execute(composio, "PIPEDRIVE_ADD_FILE", {"file": {**argument, "s3key": "uploads/" + "0" * 32}}, user_id)
    assert missing["successful"] is False
    assert "no file has the key uploads/" in missing["error"]


@pytest.mark.sdk_row("upload request (raw HTTP, the SDK's auto-upload route)", "POST /api/v3/files/upload/request")
def test_upload_request_refuses_bad_input_with_the_error_envelope(stack):
    url = stack.server_url + "/api/v3/files/upload/request"
    headers = {"x-api-key": API_KEY, "Content-Type": "application/json"}
    for body, status in [
        ({"mimetype": "text/plain"}, 400),
        ({"filename": "a.txt", "mimetype": "text/plain", "tool_slug": "PIPEDRIVE_GET_DEAL"}, 400),
        ({"filename": "a.txt", "mimetype": "text/plain", "tool_slug": "PIPEDRIVE_NOPE"}, 404),
    ]:
        code, answer = http("POST", url, json.dumps(body).encode(), headers)
        assert code == status, (body, answer)
        assert json.loads(answer)["error"]["message"]
    assert http("POST", url, b"{}", {"Content-Type": "application/json"})[0] == 401


# ---------------------------------------------------------------------------------------------------
# MCP server configs


def auth_config(composio) -> str:
    return composio.auth_configs.create("PIPEDRIVE", {"type": "use_custom_auth", "authScheme": "BEARER_TOKEN", "credentials": {}}).id


@pytest.mark.sdk_row("composio.mcp.create", "POST /api/v3.1/mcp/servers/custom")
@pytest.mark.sdk_row("composio.mcp.get", "GET /api/v3.1/mcp/{id}")
@pytest.mark.sdk_row("composio.mcp.list", "GET /api/v3.1/mcp/servers")
@pytest.mark.sdk_row("composio.mcp.update", "PATCH /api/v3.1/mcp/{id}")
@pytest.mark.sdk_row("composio.mcp.delete", "DELETE /api/v3.1/mcp/{id}")
def test_mcp_server_config_lifecycle(stack):
    composio = stack.composio()
    config_id = auth_config(composio)
    name = f"deals {uuid.uuid4().hex[:6]}"
    server = composio.mcp.create(
        name, toolkits=[{"toolkit": "pipedrive", "auth_config_id": config_id}, "pipedrive"],
        allowed_tools=["PIPEDRIVE_GET_DEAL", "PIPEDRIVE_ADD_A_DEAL"],
    )
    assert server.id.startswith("mcp_")
    assert server.name == name
    assert server.allowed_tools == ["PIPEDRIVE_GET_DEAL", "PIPEDRIVE_ADD_A_DEAL"]
    assert server.auth_config_ids == [config_id]
    assert server.mcp_url == f"{stack.server_url}/mcp/{server.id}"
    commands = [server.commands.claude, server.commands.cursor, server.commands.windsurf]
    assert all("YOUR_TOOLPORT_API_KEY" in command and API_KEY not in command for command in commands)

    got = composio.mcp.get(server.id)
    assert (got.id, got.name, got.toolkits, got.deleted) == (server.id, name, ["pipedrive"], False)
    assert got.managed_auth_via_composio is True

    listed = composio.mcp.list(name=name, toolkits="pipedrive", limit=5)
    assert [item.id for item in listed["items"]] == [server.id]
    assert listed["current_page"] == 1 and listed["total_pages"] == 1

    updated = composio.mcp.update(server.id, name=name + " v2", allowed_tools=["PIPEDRIVE_GET_DEAL"], manually_manage_connections=True)
    assert updated.name == name + " v2"
    assert updated.allowed_tools == ["PIPEDRIVE_GET_DEAL"]
    assert updated.managed_auth_via_composio is False
    assert updated.auth_config_ids == [config_id]
    # Toolkits are sent with their auth configs: naming only the toolkit drops the auth config.
    assert composio.mcp.update(server.id, toolkits=["pipedrive"]).auth_config_ids == []

    assert composio.mcp.delete(server.id) == {"id": server.id, "deleted": True}
    with pytest.raises(exceptions.ValidationError):
        composio.mcp.get(server.id)


@pytest.mark.sdk_row("composio.mcp.create", "POST /api/v3.1/mcp/servers/custom")
def test_mcp_create_refuses_what_toolport_cannot_serve(stack):
    composio = stack.composio()
    for toolkits, tools, message in [
        (["gmail"], None, "serves only the pipedrive toolkit"),
        (["pipedrive"], ["PIPEDRIVE_NOPE"], "Unknown tools for this server's toolkits: PIPEDRIVE_NOPE"),
        ([{"toolkit": "pipedrive", "auth_config_id": "ac_missing"}], None, "Auth config ac_missing does not exist"),
    ]:
        with pytest.raises(exceptions.ValidationError) as raised:
            composio.mcp.create("refused", toolkits=toolkits, allowed_tools=tools)
        assert message in str(raised.value.__cause__), raised.value.__cause__


async def mcp_session_tools(url: str, calls: list[tuple[str, dict]]):
    from mcp import ClientSession
    from mcp.client.streamable_http import create_mcp_http_client, streamable_http_client

    async with create_mcp_http_client(headers={"x-api-key": API_KEY}) as client:
        async with streamable_http_client(url, http_client=client) as streams:
            async with ClientSession(streams[0], streams[1]) as session:
                await session.initialize()
                listed = await session.list_tools()
                results = [await session.call_tool(name, arguments) for name, arguments in calls]
                return [tool.name for tool in listed.tools], results


def envelope(result) -> dict:
    return result.structured_content if result.structured_content is not None else json.loads(result.content[0].text)


@pytest.mark.sdk_row("composio.mcp.generate", "POST /api/v3.1/mcp/servers/generate")
def test_generated_url_serves_only_the_configured_tools_with_its_auth_config(stack):
    composio = stack.composio()
    user_id = new_user()
    # The user has two active Pipedrive accounts: plain /mcp could not choose, the server's auth config does.
    server_config = auth_config(composio)
    composio.connected_accounts.initiate(user_id=user_id, auth_config_id=server_config, config={"auth_scheme": "BEARER_TOKEN", "val": "sandbox-api-token"})
    bearer_account(composio, user_id)
    server = composio.mcp.create(
        f"two tools {uuid.uuid4().hex[:6]}", toolkits=[{"toolkit": "pipedrive", "auth_config_id": server_config}],
        allowed_tools=["PIPEDRIVE_ADD_A_DEAL", "PIPEDRIVE_GET_DEAL"],
    )
    instance = server.generate(user_id)
    assert instance["url"].startswith(f"{stack.server_url}/mcp/{server.id}?user_id=")
    assert instance["type"] == "streamable_http"
    assert instance["allowed_tools"] == ["PIPEDRIVE_ADD_A_DEAL", "PIPEDRIVE_GET_DEAL"]
    assert instance["auth_configs"] == [server_config]
    assert composio.mcp.generate(user_id, server.id, manually_manage_connections=True)["url"] == instance["url"]

    names, (created, refused) = asyncio.run(mcp_session_tools(instance["url"], [
        ("PIPEDRIVE_ADD_A_DEAL", {"title": "Made on a configured server"}),
        ("PIPEDRIVE_DELETE_DEAL", {"id": 1}),
    ]))
    assert names == ["PIPEDRIVE_ADD_A_DEAL", "PIPEDRIVE_GET_DEAL"]
    assert not created.is_error, envelope(created)
    assert envelope(created)["data"]["data"]["title"] == "Made on a configured server"
    assert refused.is_error
    assert "is not one of the 2 tools MCP server" in envelope(refused)["error"]

    # The same user on plain /mcp has two accounts to choose from, and is told so.
    _, (ambiguous,) = asyncio.run(mcp_session_tools(f"{stack.server_url}/mcp?user_id={user_id}", [("PIPEDRIVE_GET_DEAL", {"id": 1})]))
    assert "several active Pipedrive connections" in envelope(ambiguous)["error"]
