"""docs/openapi.yaml stays true: it is valid OpenAPI 3.1, it lists exactly the routes the Swift code
registers, and a running server (with the Pipedrive sandbox behind it) conforms to it under schemathesis.

Run alone with `python -m pytest Tests/reliability/test_openapi.py -q`; needs `openapi-spec-validator`,
`schemathesis` and `PyYAML` (see scripts/test.sh).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
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
SCHEMATHESIS_MAX_EXAMPLES = int(os.environ.get("TOOLPORT_SCHEMATHESIS_MAX_EXAMPLES", "40"))
SCHEMATHESIS_CONFIG = """
[phases.stateful]
# long enough for auth config -> connected account -> account -> execute -> log
max-steps = 10
"""


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
    """`METHOD /path` for every route registration in Sources/Server/*.swift, mounted where
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
    for file in sorted(SERVER_SOURCES.glob("*.swift")):
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


def _schemathesis_command(config: Path, spec: Path, url: str, junit: Path) -> list[str]:
    return [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "--no-color", "run", str(spec),
        "--url", url,
        "--header", f"x-api-key: {toolport_stack.API_KEY}",
        "--checks", ",".join(SCHEMATHESIS_CHECKS),
        "--phases", "examples,coverage,fuzzing,stateful",
        "--max-examples", str(SCHEMATHESIS_MAX_EXAMPLES),
        "--generation-deterministic",
        "--request-timeout", "30",
        "--workers", "2",
        "--report", "junit", "--report-junit-path", str(junit),
    ]


def _failures_section(output: str) -> str:
    """The FAILURES part of schemathesis' output (every failing case with a curl command), else all of it."""
    start = output.find("FAILURES")
    end = output.find("SUMMARY", start)
    if start < 0:
        return output[-20000:]
    return output[max(0, output.rfind("\n", 0, start)):end if end > 0 else None][:30000]


def test_server_conforms_to_the_spec(stack):
    workdir = Path(tempfile.mkdtemp(prefix="toolport-schemathesis-"))
    config = workdir / "schemathesis.toml"
    config.write_text(SCHEMATHESIS_CONFIG)
    junit = workdir / "junit.xml"
    started = time.monotonic()
    run = subprocess.run(_schemathesis_command(config, SPEC, stack.server_url, junit), cwd=workdir,
                         capture_output=True, text=True, timeout=600)
    elapsed = time.monotonic() - started
    output = run.stdout + run.stderr
    summary = re.findall(r"^\s*(\d+ generated.*)$", output, re.MULTILINE)
    print(f"\nschemathesis: {summary[-1] if summary else '?'} in {elapsed:.0f}s", file=sys.stderr)

    (workdir / "output.txt").write_text(output)
    assert run.returncode == 0, (
        f"schemathesis found problems (exit {run.returncode}; full output in {workdir / 'output.txt'}):\n"
        + _failures_section(output)
    )
    assert junit.exists(), output[-5000:]
    suites = ElementTree.parse(junit).getroot()
    cases = suites.findall(".//testcase")
    untested = spec_routes(load_spec()) - {case.get("name") for case in cases}
    assert not untested, f"schemathesis did not test {sorted(untested)}"
