"""An MCP stdio server that does nothing: the client's own floor, for bench/mcp_peers.py (stdlib only).

It answers `initialize`, `ping`, `tools/list` (one tool) and every `tools/call` at once with a fixed result: the
JSON object in the file named by $BENCH_NULL_RESULT (bench/mcp_peers.py passes Toolport's own answer, so the client
parses exactly the same bytes), or a small one holding the deal's title. Timing the MCP client against it measures
what the client and the pipes cost per call, which no server can go below.
"""
import json
import os
import sys

RESULT = {"content": [{"type": "text", "text": '{"title": "Bench deal"}'}], "isError": False}
if os.environ.get("BENCH_NULL_RESULT"):
    with open(os.environ["BENCH_NULL_RESULT"]) as file:
        RESULT = json.load(file)
TOOLS = {"tools": [{"name": "GET_DEAL", "description": "Returns a fixed deal.",
                    "inputSchema": {"type": "object", "properties": {"id": {"type": "integer"}}}}]}
CALL = json.dumps(RESULT, separators=(",", ":"))
output = sys.stdout.buffer


def answer(request_id, result_json: str) -> None:
    output.write(b'{"jsonrpc":"2.0","id":' + json.dumps(request_id).encode() + b',"result":' + result_json.encode() + b"}\n")
    output.flush()


for line in sys.stdin.buffer:
    if not line.strip():
        continue
    message = json.loads(line)
    if "id" not in message or "method" not in message:
        continue  # a notification or a response
    method = message["method"]
    if method == "tools/call":
        answer(message["id"], CALL)
    elif method == "initialize":
        version = message.get("params", {}).get("protocolVersion", "2025-06-18")
        answer(message["id"], json.dumps({"protocolVersion": version, "capabilities": {"tools": {"listChanged": False}},
                                          "serverInfo": {"name": "null", "version": "1"}}))
    elif method == "tools/list":
        answer(message["id"], json.dumps(TOOLS))
    elif method == "ping":
        answer(message["id"], "{}")
    else:
        output.write(json.dumps({"jsonrpc": "2.0", "id": message["id"],
                                 "error": {"code": -32601, "message": f"Method not found: {method}"}}).encode() + b"\n")
        output.flush()
