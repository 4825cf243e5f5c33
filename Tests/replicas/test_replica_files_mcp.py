"""Files and MCP server configs across replicas A and B: an upload requested and PUT on one replica is read by a
tool call on the other (their --files-dir is one shared directory, and a URL signed by one is accepted by the
other), a download published by one is served by the other, and an MCP server configured on one serves on the
other. (conftest.py `deployment`.)"""
from __future__ import annotations

import base64
import json
import urllib.parse

import replica_cluster
from replica_cluster import API, connect_api_token, create_auth_config, expect, on_host_of, raw_request

replica_cluster.require_postgres()


def test_an_upload_on_one_replica_is_used_on_the_other(deployment):
    a, b = deployment.replicas["A"], deployment.replicas["B"]
    account_id = expect(connect_api_token(a, create_auth_config(a, "API_KEY"), "files-user"), 201)["id"]
    content = b"uploaded through A, sent by B"

    ticket = expect(a.api("POST", "/api/v3/files/upload/request", {
        "filename": "a.txt", "mimetype": "text/plain", "tool_slug": "PIPEDRIVE_ADD_FILE", "toolkit_slug": "pipedrive"}), 200)
    # The URL names A (its --public-url); send it to B: B checks A's signature with the same derived key.
    status, _, body = raw_request("PUT", on_host_of(ticket["new_presigned_url"], b.url), content, {"Content-Type": "text/plain"})
    assert status == 200, body

    argument = {"name": "a.txt", "mimetype": "text/plain", "s3key": ticket["key"]}
    added = expect(a.api("POST", f"{API}/tools/execute/PIPEDRIVE_ADD_FILE",
                         {"arguments": {"file": argument}, "connected_account_id": account_id}), 200)
    assert added["successful"], added
    downloaded = expect(b.api("POST", f"{API}/tools/execute/PIPEDRIVE_DOWNLOAD_FILE",
                              {"arguments": {"id": added["data"]["data"]["id"]}, "connected_account_id": account_id}), 200)
    assert base64.b64decode(downloaded["data"]["file"]["content_base64"]) == content
    status, _, served = raw_request("GET", on_host_of(downloaded["data"]["file"]["s3url"], a.url), None)
    assert (status, served) == (200, content)


def test_an_mcp_server_configured_on_one_replica_serves_on_the_other(deployment):
    a, b = deployment.replicas["A"], deployment.replicas["B"]
    server = expect(a.api("POST", f"{API}/mcp/servers/custom",
                          {"name": "replicated", "toolkits": ["pipedrive"], "allowed_tools": ["PIPEDRIVE_GET_DEAL"]}), 201)
    url = expect(b.api("POST", f"{API}/mcp/servers/generate", {"mcp_server_id": server["id"], "user_ids": ["u1"]}), 200)["user_ids_url"][0]
    path = urllib.parse.urlsplit(url)
    listed = expect(b.api("POST", f"{path.path}?{path.query}", {"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
                          headers={"accept": "application/json, text/event-stream"}), 200)
    assert [tool["name"] for tool in listed["result"]["tools"]] == ["PIPEDRIVE_GET_DEAL"]
    assert expect(b.api("DELETE", f"{API}/mcp/{server['id']}"), 200) == {"id": server["id"], "deleted": True}
    assert a.api("GET", f"{API}/mcp/{server['id']}")[0] == 404
