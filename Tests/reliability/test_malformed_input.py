"""Malformed and hostile requests get a clean 4xx with Composio's error envelope, and the server keeps serving."""
from __future__ import annotations

import json
import socket
from urllib.parse import urlsplit

import pytest

import toolport_stack

EXECUTE = "/api/v3.1/tools/execute/PIPEDRIVE_GET_DEAL"


def envelope(body: bytes) -> dict:
    error = json.loads(body)["error"]
    assert {"message", "code", "slug", "status"} <= error.keys(), error
    return error


def raw_exchange(url: str, payload: bytes, timeout: float = 10) -> bytes:
    """Sends `payload` as is on a new connection and returns everything read until the server closes it."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=timeout) as connection:
        connection.sendall(payload)
        received = b""
        try:
            while chunk := connection.recv(65536):
                received += chunk
                if b"\r\n\r\n" in received and _complete(received):
                    break
        except (ConnectionResetError, socket.timeout):
            pass
    return received


def _complete(response: bytes) -> bool:
    head, _, body = response.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value.strip())
    return False


def status_of(raw: bytes) -> int:
    assert raw.startswith(b"HTTP/1.1 "), raw[:200]
    return int(raw.split(b" ", 2)[1])


@pytest.fixture(autouse=True)
def still_serving(stack):
    """After every test here, the server process is alive and answers."""
    yield
    assert stack.server.poll() is None, "the server exited"
    status, _, body = stack.api("GET", "/api/v3.1/tools/PIPEDRIVE_GET_DEAL")
    assert status == 200, body[:200]


@pytest.mark.parametrize("body, content_type, message", [
    (b'{"arguments":', "application/json", "The request body is not valid JSON."),
    (b"hello", "text/plain", "The request body is not valid JSON."),
    (b"arguments=1&user_id=x", "application/x-www-form-urlencoded", "The request body is not valid JSON."),
    (b"[1, 2]", "application/json", "The request body must be a JSON object, got array of 2."),
    (b'{"arguments": {"id": 1}, "user_id": "\xff\xfe"}', "application/json", "The request body is not valid JSON."),
    (b'{"arguments": {"id": 1}, "user_id": "\xed\xa0\x80"}', "application/json", "The request body is not valid JSON."),
    (b"\x00\x01\x02", "application/octet-stream", "The request body is not valid JSON."),
], ids=["truncated-json", "text-plain", "form", "array", "invalid-utf8", "utf8-surrogate", "binary"])
def test_undecodable_bodies_get_400(stack, body, content_type, message):
    status, headers, answer = stack.api("POST", EXECUTE, body, headers={"content-type": content_type})
    assert status == 400
    assert headers["Content-Type"] == "application/json"
    error = envelope(answer)
    assert error["slug"] == "Request_Invalid"
    assert error["message"] == message


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_json_is_refused_without_crashing(stack, depth):
    body = b'{"arguments": {"id": 1, "x": ' + b"[" * depth + b"]" * depth + b"}}"
    status, _, answer = stack.api("POST", EXECUTE, body)
    assert status == 400
    assert envelope(answer)["slug"] == "Request_Invalid"


def test_a_number_literal_that_crashed_foundations_json_decoder_is_just_a_number(stack):
    literal = b"0." + b"0" * 130 + b"9007199254740993e146"
    status, _, answer = stack.api("POST", EXECUTE, b'{"arguments": {"id": ' + literal + b'}, "user_id": "nobody"}')
    assert status == 200  # the literal is the integer 9007199254740993: the call gets as far as the account lookup
    assert json.loads(answer)["error"].startswith("User nobody has no active Pipedrive connection")


def test_nested_objects_in_arguments_are_refused_by_validation(stack):
    body = {"arguments": {"id": 1, "nested": {"a": {"b": {"c": [1, {"d": 2}]}}}}, "user_id": "nobody"}
    status, _, answer = stack.api("POST", EXECUTE, body)
    assert status == 200
    result = json.loads(answer)
    assert result["successful"] is False
    assert result["error"] == "Invalid arguments: nested: unknown parameter"


def test_a_body_over_the_limit_gets_413_and_is_not_read_to_the_end(stack):
    body = b'{"arguments": {"id": 1, "x": "' + b"a" * (33 * 1024 * 1024) + b'"}}'
    status, _, answer = stack.api("POST", EXECUTE, body, timeout=60)
    assert status == 413
    error = envelope(answer)
    assert error["slug"] == "Request_TooLarge"
    assert error["message"] == "The request body is larger than the 32 MiB the server accepts."


def test_a_chunked_body_over_the_limit_gets_413(stack):
    chunk = b"a" * (1024 * 1024)
    payload = (f"POST {EXECUTE} HTTP/1.1\r\nHost: x\r\nx-api-key: {toolport_stack.API_KEY}\r\n"
               "content-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n").encode()
    payload += b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(34)) + b"0\r\n\r\n"
    raw = raw_exchange(stack.server_url, payload, timeout=60)
    assert status_of(raw) == 413


def test_unknown_top_level_fields_are_ignored_and_unknown_arguments_named(stack):
    body = {"arguments": {"id": 1, "bogus": 2}, "user_id": "nobody", "not_a_field": True}
    status, _, answer = stack.api("POST", EXECUTE, body)
    assert status == 200
    result = json.loads(answer)
    assert result == {**result, "successful": False, "error": "Invalid arguments: bogus: unknown parameter"}


@pytest.mark.parametrize("path", [
    "/api/v3.1/tools/..%2F..%2Fetc%2Fpasswd",
    "/api/v3.1/tools/%2e%2e%2f%2e%2e%2fschemas",
    "/api/v3.1/tools/PIPEDRIVE_GET_DEAL%00.json",
    "/api/v3.1/tools/" + "A" * 5000,
])
def test_path_traversal_in_a_slug_is_an_unknown_tool(stack, path):
    status, _, answer = stack.api("GET", path)
    assert status == 404
    assert envelope(answer)["slug"] == "Tool_NotFound"


def test_path_traversal_in_an_execute_slug_is_an_unknown_tool(stack):
    status, _, answer = stack.api("POST", "/api/v3.1/tools/execute/..%2F..%2Fetc%2Fpasswd", {"arguments": {}})
    assert status == 404
    assert envelope(answer)["slug"] == "Tool_NotFound"


def test_dot_segments_do_not_escape_the_api(stack):
    raw = raw_exchange(stack.server_url, (
        f"GET /api/v3.1/tools/../../../etc/passwd HTTP/1.1\r\nHost: x\r\nx-api-key: {toolport_stack.API_KEY}\r\n"
        "Connection: close\r\n\r\n").encode())
    assert status_of(raw) == 404
    assert b"root:" not in raw


@pytest.mark.parametrize("header_block", [
    b"x-request-id: abc\r\n\tSet-Cookie: folded=1\r\n",    # obsolete line folding
    b"x-request-id: abc\nSet-Cookie: bare-lf=1\r\n",        # a bare LF inside a header
    b"x-request-id: a\x00b\r\n",                             # NUL in a value
    b"bad header name: 1\r\n",                                # space in a name
    b"x-big: " + b"a" * 100_000 + b"\r\n",                   # an oversized header
], ids=["folding", "bare-lf", "nul", "bad-name", "oversized"])
def test_malformed_headers_get_400_and_inject_nothing(stack, header_block):
    raw = raw_exchange(stack.server_url, (
        b"GET /api/v3.1/toolkits HTTP/1.1\r\nHost: x\r\nx-api-key: " + toolport_stack.API_KEY.encode() + b"\r\n"
        + header_block + b"Connection: close\r\n\r\n"))
    assert status_of(raw) in (400, 431)
    assert b"set-cookie" not in raw.lower()


def test_a_malformed_request_id_is_replaced_not_echoed(stack):
    status, headers, answer = stack.api("GET", "/api/v3.1/tools/NOPE",
                                        headers={"x-request-id": 'id"}, "injected": {"x": "'})
    assert status == 404
    error = envelope(answer)
    replaced = {name.lower(): value for name, value in headers.items()}["x-request-id"]
    assert error["request_id"] == replaced and "injected" not in replaced
    assert "injected" not in json.loads(answer)
    assert not any(name.lower() == "injected" for name in headers)


@pytest.mark.parametrize("method", ["PUT", "TRACE", "OPTIONS", "BREW"])
def test_unsupported_methods_get_4xx(stack, method):
    raw = raw_exchange(stack.server_url, (
        f"{method} /api/v3.1/tools HTTP/1.1\r\nHost: x\r\nx-api-key: {toolport_stack.API_KEY}\r\n"
        "Connection: close\r\n\r\n").encode())
    assert 400 <= status_of(raw) < 500


def test_garbage_instead_of_http_closes_only_that_connection(stack):
    raw = raw_exchange(stack.server_url, b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(256)) * 4)
    assert raw == b"" or 400 <= status_of(raw) < 500
