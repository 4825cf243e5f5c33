"""docs/openapi.yaml stays true.

- It is valid OpenAPI 3.1.
- It lists exactly the routes Sources/Server/**/*.swift registers (read from the Swift source), so a new route
  without documentation, or documentation of a removed one, fails here.
- A running server, with the Pipedrive sandbox behind it, conforms to it under schemathesis (every phase,
  positive and negative data, deterministic generation): no 5xx, every status, content type, header and body
  as documented. A second run calls every tool with arguments its own schema accepts.
- The browser and OAuth answers fuzzing cannot reach are checked against it one by one.

Run alone with `python -m pytest Tests/reliability/test_openapi.py -q`; needs `openapi-spec-validator`,
`schemathesis` (pinned in scripts/test.sh), `PyYAML` and `requests`. A failure prints each failing case with
a curl command; the full schemathesis output is kept in the directory the failure names.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import yaml

import toolport_stack

REPOSITORY = Path(__file__).resolve().parents[2]
SPEC = REPOSITORY / "docs" / "openapi.yaml"
SERVER_SOURCES = REPOSITORY / "Sources" / "Server"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# What schemathesis runs. Deterministic generation (no seed, no example database) so a failure
# reproduces; bounded by examples per operation so the run fits in about two minutes on two cores.
SCHEMATHESIS_CHECKS = [
    "not_a_server_error",
    "response_schema_conformance",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
]
SCHEMATHESIS_MAX_EXAMPLES = int(os.environ.get("TOOLPORT_SCHEMATHESIS_MAX_EXAMPLES", "100"))
# Per tool in the every-tool run (269 tools): valid arguments, each call reaching the sandbox.
SCHEMATHESIS_TOOL_EXAMPLES = int(os.environ.get("TOOLPORT_SCHEMATHESIS_TOOL_EXAMPLES", "4"))


def load_spec() -> dict:
    return yaml.safe_load(SPEC.read_text())


# ---------------------------------------------------------------------------------------------------
# The spec is OpenAPI 3.1


def test_spec_is_valid_openapi_3_1():
    from openapi_spec_validator import OpenAPIV31SpecValidator

    spec = load_spec()
    assert spec["openapi"].startswith("3.1."), spec["openapi"]
    errors = [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
              for error in OpenAPIV31SpecValidator(spec).iter_errors()]
    assert not errors, "docs/openapi.yaml is not valid OpenAPI 3.1:\n" + "\n".join(errors)


# ---------------------------------------------------------------------------------------------------
# The spec and the Swift code list the same routes

_REGISTRATION = re.compile(r"\b(routes|router)\.(get|post|put|patch|delete|head|on)\(")
_STRING = re.compile(r'\s*"([^"\\]*)"')
_ROUTER_PATH = re.compile(r"\s*RouterPath\((\w+)\)")


def _swift_string_constant(name: str) -> str:
    """The default of `name: String = "…"` (or `let name = "…"`) somewhere under Sources/."""
    pattern = re.compile(rf'\b{re.escape(name)}\s*(?::\s*String\s*)?=\s*"([^"\\]*)"')
    found = {match.group(1) for file in (REPOSITORY / "Sources").rglob("*.swift")
             for match in pattern.finditer(file.read_text())}
    assert len(found) == 1, f"cannot resolve the route path constant {name}: found {sorted(found) or 'nothing'}"
    return found.pop()


def _methods_of_loop(source: str, variable: str) -> list[str]:
    """`for method in [HTTPRequest.Method.post, .get, .delete]` → ["POST", "GET", "DELETE"]."""
    loop = re.search(rf"for\s+{re.escape(variable)}\s+in\s+\[([^\]]*)\]", source)
    assert loop, f"cannot find the methods {variable} ranges over"
    return [item.strip().rsplit(".", 1)[-1].upper() for item in loop.group(1).split(",") if item.strip()]


def _join(prefix: str, path: str) -> str:
    joined = "/".join(part.strip("/") for part in (prefix, path) if part.strip("/"))
    return "/" + joined


def code_routes() -> set[str]:
    """`METHOD /path` for every route registration in Sources/Server/**/*.swift, mounted where
    Application+build.swift mounts it; collections mounted under every `apiPrefixes` entry count once,
    under the first (documented) prefix."""
    build = (SERVER_SOURCES / "Application+build.swift").read_text()
    prefixes = re.search(r"let\s+apiPrefixes\s*=\s*\[([^\]]*)\]", build)
    assert prefixes, "Application+build.swift no longer declares apiPrefixes"
    api_prefixes = re.findall(r'"([^"]*)"', prefixes.group(1))

    # Where each RouteCollection type is mounted.
    mounts: dict[str, str] = {}
    for match in re.finditer(r"router\.addRoutes\(\s*(\w+)\(", build):
        at = re.compile(r'atPath:\s*(?:\.init\((\w+)\)|"([^"]*)")').search(build, match.end())
        assert at, f"cannot find where {match.group(1)} is mounted"
        if at.group(2) is not None:
            mount = at.group(2)
        else:
            assert re.search(rf"for\s+{at.group(1)}\s+in\s+apiPrefixes", build), \
                f"{match.group(1)} is mounted at {at.group(1)}, which is not an apiPrefixes loop variable"
            mount = api_prefixes[0]
        mounts.setdefault(match.group(1), mount)

    routes: set[str] = set()
    unparsed: list[str] = []
    for file in sorted(SERVER_SOURCES.rglob("*.swift")):
        source = file.read_text()
        types = [(match.start(), match.group(1)) for match in re.finditer(r"\b(?:struct|enum|extension)\s+(\w+)", source)]
        for match in _REGISTRATION.finditer(source):
            receiver, method = match.group(1), match.group(2)
            where = f"{file.name}:{source.count(chr(10), 0, match.start()) + 1}"
            rest = source[match.end():]
            literal = _STRING.match(rest)
            named = _ROUTER_PATH.match(rest)
            if literal:
                path = literal.group(1)
            elif named:
                path = _swift_string_constant(named.group(1))
            else:
                unparsed.append(f"{where}: {source[match.start():match.start() + 80]!r}")
                continue
            if method == "on":
                argument = re.match(r'\s*"[^"]*",\s*method:\s*([\w.]+)', rest)
                assert argument, f"{where}: router.on without a method"
                value = argument.group(1)
                methods = [value.rsplit(".", 1)[-1].upper()] if "." in value else _methods_of_loop(source, value)
            else:
                methods = [method.upper()]
            if receiver == "routes":
                owner = [name for start, name in types if start < match.start()][-1]
                assert owner in mounts, f"{where}: {owner}'s routes are registered but never mounted in Application+build.swift"
                path = _join(mounts[owner], path)
            else:
                path = _join("", path)
            routes.update(f"{verb} {path}" for verb in methods)
    assert not unparsed, "route registrations this test cannot read (use a string literal path):\n" + "\n".join(unparsed)
    return routes


def spec_routes(spec: dict) -> set[str]:
    return {f"{method.upper()} {path}" for path, item in spec["paths"].items() for method in item if method in HTTP_METHODS}


def test_spec_and_code_agree_on_routes():
    spec = load_spec()
    in_code, in_spec = code_routes(), spec_routes(spec)
    assert len(in_code) > 20, f"the route parser found too few routes: {sorted(in_code)}"
    missing = sorted(in_code - in_spec)
    stale = sorted(in_spec - in_code)
    assert not missing and not stale, (
        "docs/openapi.yaml and Sources/Server disagree.\n"
        f"Registered but not documented: {missing}\nDocumented but not registered: {stale}"
    )


def test_spec_names_the_api_prefix_aliases():
    build = (SERVER_SOURCES / "Application+build.swift").read_text()
    prefixes = re.findall(r'"([^"]*)"', re.search(r"let\s+apiPrefixes\s*=\s*\[([^\]]*)\]", build).group(1))
    description = load_spec()["info"]["description"]
    for alias in prefixes[1:]:
        assert f"`{alias}`" in description, f"info.description should say that {alias} is an alias of {prefixes[0]}"


# ---------------------------------------------------------------------------------------------------
# A running server conforms to the spec

FUZZ_USER = "fuzz-user"


def _created(stack, path: str, body: dict) -> dict:
    status, _, answer = stack.api("POST", path, body)
    assert status == 201, (path, status, answer[:500])
    return json.loads(answer)


def seed(stack) -> dict[str, list[str]]:
    """Real identifiers for the fuzzer to use besides random ones, so it reaches past the 404s: tool slugs,
    a user with an ACTIVE account (its calls reach the sandbox), execution logs, auth configs, accounts and
    connect links. Resources the fuzzer may delete or break are separate from those it only reads."""
    status, _, answer = stack.api("GET", "/api/v3.1/tools")
    assert status == 200
    slugs = [tool["slug"] for tool in json.loads(answer)["items"]]

    api_key = {"toolkit": {"slug": "pipedrive"}, "auth_config": {"type": "use_custom_auth", "authScheme": "API_KEY"}}
    oauth = {"toolkit": {"slug": "pipedrive"}, "auth_config": {
        "type": "use_custom_auth", "authScheme": "OAUTH2",
        "credentials": {"client_id": toolport_stack.SANDBOX_CLIENT_ID, "client_secret": toolport_stack.SANDBOX_CLIENT_SECRET}}}
    kept_config = _created(stack, "/api/v3.1/auth_configs", api_key)["auth_config"]["id"]
    spare_configs = [_created(stack, "/api/v3.1/auth_configs", body)["auth_config"]["id"] for body in (api_key, oauth, api_key)]

    def account(config: str, user: str) -> str:
        return _created(stack, "/api/v3.1/connected_accounts", {
            "auth_config": {"id": config},
            "connection": {"user_id": user, "state": {"val": {"generic_api_key": toolport_stack.SANDBOX_TOKEN}}},
        })["id"]

    kept_account = account(kept_config, FUZZ_USER)
    spare_accounts = [account(spare_configs[0], f"spare-{index}") for index in range(3)]
    spare_accounts.append(_created(stack, "/api/v3.1/connected_accounts", {
        "auth_config": {"id": spare_configs[1]}, "connection": {"user_id": "spare-oauth"}})["id"])
    links = [_created(stack, "/api/v3.1/connected_accounts/link", {"auth_config_id": config, "user_id": "spare-link"})["link_token"]
             for config in (spare_configs[0], spare_configs[1], spare_configs[0])]

    servers = [_created(stack, "/api/v3.1/mcp/servers/custom", {"name": f"seeded {index}", "toolkits": ["pipedrive"]})["id"]
               for index in range(3)]

    logs = []
    for slug, arguments in (("PIPEDRIVE_ADD_A_DEAL", {"title": "seeded"}), ("PIPEDRIVE_GET_ALL_DEALS", {}), ("PIPEDRIVE_ADD_A_DEAL", {})):
        status, _, answer = stack.api("POST", f"/api/v3.1/tools/execute/{slug}", {"arguments": arguments, "user_id": FUZZ_USER})
        assert status == 200, answer[:500]
        logs.append(json.loads(answer)["log_id"])
    return {
        "tool_slugs": slugs + [slug.lower() for slug in slugs[:20]],
        "users": [FUZZ_USER],
        "readable_auth_configs": [kept_config, *spare_configs],
        "spare_auth_configs": spare_configs,
        "readable_accounts": [kept_account, *spare_accounts],
        "spare_accounts": spare_accounts,
        "log_ids": logs,
        "link_tokens": links,
        "readable_mcp_servers": servers,
        "spare_mcp_servers": servers[1:],
    }


# Operations that may delete or disable what they are pointed at: they get the spare identifiers only.
DESTRUCTIVE_OPERATIONS = {
    "updateAuthConfig", "setAuthConfigStatus", "deleteAuthConfig",
    "updateConnectedAccount", "setConnectedAccountStatus", "deleteConnectedAccount", "revokeConnectedAccount",
    "updateMCPServer", "deleteMCPServer",
}


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(value) for value in values) + "]"


def schemathesis_config(data: dict[str, list[str]]) -> str:
    """schemathesis.toml: the seeded identifiers as dictionaries the fuzzer draws from part of the time."""
    def bind(name: str, probability: float) -> str:
        return f'{{ dictionary = "{name}", probability = {probability} }}'

    operations = {
        "executeTool": {"path.slug": bind("tool_slugs", 0.8), "body.user_id": bind("users", 0.7)},
        "getTool": {"path.slug": bind("tool_slugs", 0.5)},
        "getExecutionLog": {"path.id": bind("log_ids", 0.7)},
        "getAuthConfig": {"path.id": bind("readable_auth_configs", 0.7)},
        "updateAuthConfig": {"path.id": bind("spare_auth_configs", 0.6)},
        "setAuthConfigStatus": {"path.id": bind("spare_auth_configs", 0.6)},
        "deleteAuthConfig": {"path.id": bind("spare_auth_configs", 0.2)},
        "createConnectedAccount": {"body.auth_config.id": bind("readable_auth_configs", 0.7)},
        "createConnectLink": {"body.auth_config_id": bind("readable_auth_configs", 0.7)},
        "getConnectedAccount": {"path.id": bind("readable_accounts", 0.7)},
        "updateConnectedAccount": {"path.id": bind("spare_accounts", 0.6)},
        "setConnectedAccountStatus": {"path.id": bind("spare_accounts", 0.6)},
        "refreshConnectedAccount": {"path.id": bind("readable_accounts", 0.6)},
        "deleteConnectedAccount": {"path.id": bind("spare_accounts", 0.2)},
        "revokeConnectedAccount": {"path.id": bind("spare_accounts", 0.3)},
        "proxyExecute": {"body.user_id": bind("users", 0.7)},
        "getToolExecutionLog": {"path.id": bind("log_ids", 0.7)},
        "openConnectLink": {"path.token": bind("link_tokens", 0.5)},
        "submitConnectLink": {"path.token": bind("link_tokens", 0.5)},
        "mcp": {"query.user_id": bind("users", 0.7)},
        "getMCPServer": {"path.id": bind("readable_mcp_servers", 0.7)},
        "updateMCPServer": {"path.id": bind("spare_mcp_servers", 0.6)},
        "deleteMCPServer": {"path.id": bind("spare_mcp_servers", 0.2)},
        "generateMCPServerURLs": {"body.mcp_server_id": bind("readable_mcp_servers", 0.7)},
        "mcpServerMessage": {"path.server": bind("readable_mcp_servers", 0.7), "query.user_id": bind("users", 0.7)},
        "mcpServerStream": {"path.server": bind("readable_mcp_servers", 0.7)},
        "mcpServerEndSession": {"path.server": bind("readable_mcp_servers", 0.7)},
    }
    lines = [
        "[phases.stateful]",
        "# long enough for auth config -> connected account -> account -> execute -> log",
        "max-steps = 10",
        "",
        "# Only the spec's own links: an inferred one (list -> DELETE items/0) could delete the seeded account",
        "# whose user the execute operation runs as.",
        "[phases.stateful.inference]",
        "algorithms = []",
        "",
    ]
    for name, values in data.items():
        lines += [f"[dictionaries.{name}]", f"values = {_toml_list(values)}", ""]
    for operation, parameters in operations.items():
        body = ", ".join(f'"{key}" = {value}' for key, value in parameters.items())
        lines += ["[[operations]]", f'include-operation-id = "{operation}"', f"parameters = {{ {body} }}", ""]
        if operation in DESTRUCTIVE_OPERATIONS:
            # Identifiers seen in earlier responses would include the seeded account executeTool runs as.
            for phase in ("coverage", "fuzzing"):
                lines += [f"[operations.phases.{phase}.extra-data-sources]", "responses = false", ""]
    return "\n".join(lines)


def _schemathesis_command(config: Path, spec: Path, url: str, junit: Path, phases: str = "examples,coverage,fuzzing,stateful",
                          max_examples: int = SCHEMATHESIS_MAX_EXAMPLES, mode: str = "all") -> list[str]:
    return [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "--no-color", "run", str(spec),
        "--url", url,
        "--header", f"x-api-key: {toolport_stack.API_KEY}",
        "--checks", ",".join(SCHEMATHESIS_CHECKS),
        "--phases", phases,
        "--mode", mode,
        "--max-examples", str(max_examples),
        "--generation-deterministic",
        "--request-timeout", "30",
        "--workers", "1",  # hypothesis is not thread-safe: 2 workers fail now and then inside it
        "--report", "junit", "--report-junit-path", str(junit),
    ]


def _failures_section(output: str) -> str:
    """The ERRORS and FAILURES parts of schemathesis' output (each failing case with a curl command), else its end."""
    found = [index for index in (output.find("= ERRORS ="), output.find("= FAILURES =")) if index >= 0]
    start = min(found, default=-1)
    if start < 0:
        return output[-20000:]
    end = output.find("SUMMARY", start)
    return output[max(0, output.rfind("\n", 0, start)):end if end > 0 else None][:30000]


def run_schemathesis(spec: Path, url: str, config_text: str, **options) -> tuple[set[str], Path]:
    """Runs schemathesis; fails the test with every failing case unless it found nothing. Returns the names of
    the operations it tested and its working directory (output.txt, junit.xml)."""
    workdir = Path(tempfile.mkdtemp(prefix="toolport-schemathesis-"))
    config = workdir / "schemathesis.toml"
    config.write_text(config_text)
    junit = workdir / "junit.xml"
    started = time.monotonic()
    run = subprocess.run(_schemathesis_command(config, spec, url, junit, **options), cwd=workdir,
                         capture_output=True, text=True, timeout=600)
    elapsed = time.monotonic() - started
    output = run.stdout + run.stderr
    (workdir / "output.txt").write_text(output)
    summary = re.findall(r"^\s*(\d+ generated.*)$", output, re.MULTILINE)
    print(f"\nschemathesis {spec.name}: {summary[-1].strip() if summary else '?'} in {elapsed:.0f}s; output in {workdir}",
          file=sys.stderr)
    assert run.returncode == 0, (
        f"schemathesis found problems (exit {run.returncode}; full output in {workdir / 'output.txt'}):\n"
        + _failures_section(output)
    )
    assert junit.exists(), output[-5000:]
    return {case.get("name") for case in ElementTree.parse(junit).getroot().findall(".//testcase")}, workdir


def not_served(spec: dict) -> set[str]:
    """`METHOD /path` of the routes documented as answering only 501 (what only Composio's cloud can serve)."""
    return {f"{method.upper()} {path}" for path, item in spec["paths"].items() for method, operation in item.items()
            if method in HTTP_METHODS and "501" in operation.get("responses", {})
            and not any(status.startswith("2") for status in operation["responses"])}


def served_spec(spec: dict) -> dict:
    """The spec without its 501-only routes: a deliberate 501 is no server error, so those are checked apart."""
    excluded = not_served(spec)
    paths = {}
    for path, item in spec["paths"].items():
        kept = {method: operation for method, operation in item.items()
                if method not in HTTP_METHODS or f"{method.upper()} {path}" not in excluded}
        if any(method in HTTP_METHODS for method in kept):
            paths[path] = kept
    return {**spec, "paths": paths}


def test_server_conforms_to_the_spec(stack_factory):
    # A stack of its own: the fuzzer leaves hundreds of accounts and users behind.
    stack = stack_factory()
    spec = served_spec(load_spec())
    workdir = Path(tempfile.mkdtemp(prefix="toolport-served-"))
    (workdir / "openapi.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    tested, _ = run_schemathesis(workdir / "openapi.yaml", stack.server_url, schemathesis_config(seed(stack)))
    untested = spec_routes(spec) - tested
    assert not untested, f"schemathesis did not test {sorted(untested)}"
    status, _, _ = stack.api("GET", "/healthz")
    assert status == 200, "the server stopped answering after the run"


def test_routes_toolport_cannot_serve_answer_501_saying_why(stack):
    routes = sorted(not_served(load_spec()))
    assert routes, "no 501 route is documented"
    for route in routes:
        method, path = route.split(" ", 1)
        status, _, answer = stack.api(method, re.sub(r"\{[^}]+\}", "x", path), {} if method != "GET" else None)
        assert status == 501, (route, status, answer[:300])
        error = json.loads(answer)["error"]
        assert error["slug"] == "Route_NotImplemented" and len(error["message"]) > 20, (route, error)


def every_tool_spec(spec: dict, tools: list[dict], user: str) -> dict:
    """docs/openapi.yaml with its execute operation split per tool: `arguments` is the tool's own
    `input_parameters`, so generated calls pass validation and reach the sandbox; responses as documented."""
    execute = spec["paths"]["/api/v3.1/tools/execute/{slug}"]["post"]
    responses = {status: {key: value for key, value in response.items() if key != "links"}
                 for status, response in execute["responses"].items()}
    paths = {}
    for tool in tools:
        paths[f"/api/v3.1/tools/execute/{tool['slug']}"] = {"post": {
            "operationId": f"execute_{tool['slug']}",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "additionalProperties": False, "required": ["arguments", "user_id"],
                "properties": {"arguments": tool["input_parameters"], "user_id": {"const": user}},
            }}}},
            "responses": responses,
        }}
    return {**spec, "paths": paths}


def test_every_tool_executes_into_the_documented_envelope(stack_factory):
    """Every tool, called with arguments its schema accepts, answers the documented envelope (and never a 5xx),
    with a real account behind the call and the sandbox answering."""
    stack = stack_factory()
    status, _, answer = stack.api("GET", "/api/v3.1/tools")
    assert status == 200
    tools = json.loads(answer)["items"]
    seed(stack)
    spec = every_tool_spec(load_spec(), tools, FUZZ_USER)
    workdir = Path(tempfile.mkdtemp(prefix="toolport-every-tool-"))
    (workdir / "every-tool.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    tested, _ = run_schemathesis(workdir / "every-tool.yaml", stack.server_url, "", phases="fuzzing",
                                 max_examples=SCHEMATHESIS_TOOL_EXAMPLES, mode="positive")
    assert len(tested) == len(tools), f"tested {len(tested)} of {len(tools)} tools"
    requests = json.loads(toolport_stack.request("GET", stack.sandbox_url + "/_sandbox/requests", api_key=None)[2])
    assert len(requests) >= len(tools), f"only {len(requests)} calls reached the sandbox: the account did not work"


def test_account_flows_conform_to_the_spec(stack_factory):
    """The answers fuzzing cannot reach (a completed OAuth consent, a submitted connect page, the compact
    export's cursor header) checked against the spec one by one."""
    import requests
    import schemathesis

    stack = stack_factory()
    schema = schemathesis.openapi.from_path(str(SPEC))
    session = requests.Session()
    server, headers = stack.server_url, {"x-api-key": toolport_stack.API_KEY}
    problems: list[str] = []

    def check(method: str, template: str, response: requests.Response, status: int) -> requests.Response:
        if response.status_code != status:
            problems.append(f"{method} {template}: {response.status_code}, expected {status}: {response.text[:300]}")
        try:
            schema[template][method].validate_response(response)
        except Exception as error:  # schemathesis raises a group of failures
            problems.append(f"{method} {template} ({response.status_code}) does not match the spec: {error!s:.1500}")
        return response

    def create_config(scheme: str, credentials: dict | None = None) -> str:
        answer = check("POST", "/api/v3.1/auth_configs", session.post(server + "/api/v3.1/auth_configs", headers=headers, json={
            "toolkit": {"slug": "pipedrive"}, "auth_config": {"authScheme": scheme, "credentials": credentials or {}}}), 201)
        return answer.json()["auth_config"]["id"]

    oauth = create_config("OAUTH2", {"client_id": toolport_stack.SANDBOX_CLIENT_ID,
                                     "client_secret": toolport_stack.SANDBOX_CLIENT_SECRET, "scopes": ["deals:full", "base"]})
    token = create_config("API_KEY")
    check("GET", "/api/v3.1/auth_configs/{id}", session.get(f"{server}/api/v3.1/auth_configs/{oauth}", headers=headers), 200)

    # OAuth consent through the sandbox, back to the callback: a redirect to callback_url, then a used state.
    started = check("POST", "/api/v3.1/connected_accounts", session.post(server + "/api/v3.1/connected_accounts", headers=headers, json={
        "auth_config": {"id": oauth}, "connection": {"user_id": "flow-oauth", "callback_url": "https://example.com/back"}}), 201).json()
    callback = session.get(started["redirect_url"], allow_redirects=False).headers["location"]
    check("GET", "/api/v1/auth-apps/add", session.get(callback, allow_redirects=False), 302)
    check("GET", "/api/v1/auth-apps/add", session.get(callback, allow_redirects=False), 400)
    account = check("GET", "/api/v3.1/connected_accounts/{id}",
                    session.get(f"{server}/api/v3.1/connected_accounts/{started['id']}", headers=headers), 200).json()
    if account.get("status") != "ACTIVE":
        problems.append(f"the OAuth account is {account.get('status')} after consent")
    check("POST", "/api/v3.1/connected_accounts/{id}/refresh",
          session.post(f"{server}/api/v3.1/connected_accounts/{started['id']}/refresh", headers=headers), 200)
    executed = check("POST", "/api/v3.1/tools/execute/{slug}", session.post(server + "/api/v3.1/tools/execute/PIPEDRIVE_GET_ALL_DEALS",
                     headers=headers, json={"user_id": "flow-oauth", "arguments": {"limit": 2}}), 200).json()
    check("GET", "/api/v3.1/logs/{id}", session.get(f"{server}/api/v3.1/logs/{executed['log_id']}", headers=headers), 200)
    # Consent without a callback_url ends on a page.
    started = session.post(server + "/api/v3.1/connected_accounts", headers=headers, json={
        "auth_config": {"id": oauth}, "connection": {"user_id": "flow-page"}}).json()
    callback = session.get(started["redirect_url"], allow_redirects=False).headers["location"]
    check("GET", "/api/v1/auth-apps/add", session.get(callback, allow_redirects=False), 200)

    # Hosted connect pages: the token form (refused, then accepted), and the OAuth redirect.
    link = check("POST", "/api/v3.1/connected_accounts/link", session.post(server + "/api/v3.1/connected_accounts/link", headers=headers,
                 json={"auth_config_id": token, "user_id": "flow-link", "callback_url": "https://example.com/cb"}), 201).json()
    form = check("GET", "/connect/{token}", session.get(f"{server}/connect/{link['link_token']}", allow_redirects=False), 200)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    page = f"{server}/connect/{link['link_token']}"
    check("POST", "/connect/{token}", session.post(page, data={"csrf_token": csrf, "api_token": ""}, allow_redirects=False), 400)
    check("POST", "/connect/{token}", session.post(page, data={"csrf_token": csrf, "api_token": toolport_stack.SANDBOX_TOKEN,
                                                               "subdomain": "acme"}, allow_redirects=False), 302)
    check("POST", "/connect/{token}", session.post(page, data={"csrf_token": csrf, "api_token": "again"}, allow_redirects=False), 400)
    link = session.post(server + "/api/v3.1/connected_accounts/link", headers=headers,
                        json={"auth_config_id": oauth, "user_id": "flow-link-oauth"}).json()
    check("GET", "/connect/{token}", session.get(f"{server}/connect/{link['link_token']}", allow_redirects=False), 302)
    check("GET", "/api/v3.1/connected_accounts", session.get(server + "/api/v3.1/connected_accounts", headers=headers, params={
        "user_ids": "flow-link,flow-oauth", "statuses": "active,initiated", "order_by": "updated_at", "limit": 1}), 200)

    # The compact export pages with a header; every JSON format answers its own shape.
    first = check("GET", "/api/toolport/tools/export", session.get(server + "/api/toolport/tools/export", headers=headers,
                  params={"format": "compact", "limit": 3}), 200)
    if "x-next-cursor" not in first.headers:
        problems.append("the compact export's first page has no x-next-cursor")
    else:
        check("GET", "/api/toolport/tools/export", session.get(server + "/api/toolport/tools/export", headers=headers, params={
            "format": "compact", "limit": 3, "cursor": first.headers["x-next-cursor"]}), 200)
    for name in ("openai", "openai-strict", "anthropic", "gemini", "mcp"):
        check("GET", "/api/toolport/tools/export", session.get(server + "/api/toolport/tools/export", headers=headers,
                                                              params={"format": name}), 200)
    # MCP: the API key as a bearer token; a notification is a bodiless 202.
    check("POST", "/mcp", session.post(server + "/mcp?user_id=flow-oauth", headers={
        "authorization": f"Bearer {toolport_stack.API_KEY}", "accept": "application/json"},
        json={"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "PIPEDRIVE_GET_ALL_DEALS", "arguments": {}}}), 200)
    check("POST", "/mcp", session.post(server + "/mcp", headers={**headers, "accept": "application/json"},
                                       json={"jsonrpc": "2.0", "method": "notifications/initialized"}), 202)
    check("DELETE", "/api/v3.1/auth_configs/{id}", session.delete(f"{server}/api/v3.1/auth_configs/{oauth}", headers=headers), 200)
    assert not problems, "\n\n".join(problems)
