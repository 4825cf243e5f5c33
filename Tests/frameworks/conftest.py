"""One Pipedrive sandbox and one Toolport server for the whole framework suite, a connected user, the
framework rows loaded once each, and the matrix written to .build/frameworks/matrix.json as results come in.

As in Tests/compat: only loopback traffic is allowed (any other connection fails the test that made it),
and the telemetry of the SDK and of the frameworks is off. The Google libraries are kept from looking
for credentials or metadata servers: nothing here needs them, and nothing may leave the machine.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pystack"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import loopback_only  # noqa: E402
import toolport_stack  # noqa: E402

REPOSITORY = Path(__file__).resolve().parents[2]
MATRIX = Path(os.environ.get("TOOLPORT_FRAMEWORKS_MATRIX", REPOSITORY / ".build" / "frameworks" / "matrix.json"))
# With TOOLPORT_FRAMEWORKS_RECORD_ONLY=1 the suite records the matrix and passes: for rendering the table
# from a server that does not meet the targets yet.
RECORD_ONLY = os.environ.get("TOOLPORT_FRAMEWORKS_RECORD_ONLY") == "1"
TOOL_COUNT = 269

# ---------------------------------------------------------------------------------------------------
# Switches, set before any framework is imported.

os.environ.update({
    # Google: no metadata server probing, no application default credentials lookup.
    "NO_GCE_CHECK": "True",
    "GCE_METADATA_HOST": "127.0.0.1:9",
    "GCE_METADATA_IP": "127.0.0.1:9",
    "GOOGLE_CLOUD_PROJECT": "toolport-offline",
    "GOOGLE_CLOUD_LOCATION": "us-central1",
    "GOOGLE_API_KEY": "offline",
    "GEMINI_API_KEY": "offline",
    # OpenAI Agents SDK tracing, LangSmith, CrewAI and Chroma telemetry, OpenTelemetry exporters.
    "OPENAI_AGENTS_DISABLE_TRACING": "1",
    "OPENAI_API_KEY": "sk-offline",
    "ANTHROPIC_API_KEY": "offline",
    "LANGCHAIN_TRACING_V2": "false",
    "LANGSMITH_TRACING": "false",
    "CREWAI_DISABLE_TELEMETRY": "true",
    "CREWAI_DISABLE_TRACKING": "true",
    "CREWAI_TRACING_ENABLED": "false",
    "OTEL_SDK_DISABLED": "true",
    "ANONYMIZED_TELEMETRY": "False",
    "HF_HUB_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
})
os.environ.pop("GOOGLE_APPLICATION_CREDENTIALS", None)

# ---------------------------------------------------------------------------------------------------
# Nothing leaves loopback.

loopback_only.install("frameworks")


def pytest_configure(config):
    # proto-plus warns on every Vertex proto conversion about a protobuf 5 argument; nothing to act on here.
    config.addinivalue_line("filterwarnings", "ignore:The argument `including_default_value_fields`:DeprecationWarning")


@pytest.fixture(autouse=True)
def no_outside_requests():
    """Fails the test if it (or a framework under it) tried to reach a host other than loopback."""
    before = len(loopback_only.attempts)
    yield
    attempts = loopback_only.attempts[before:]
    assert not attempts, f"requests left loopback: {attempts}"


loopback_only.disable_composio_telemetry()

# ---------------------------------------------------------------------------------------------------
# The matrix


class Matrix:
    """framework row → results, written to MATRIX after every change (a failing or interrupted run still
    leaves what it measured)."""

    def __init__(self, path: Path):
        self.path = path
        self.rows: dict[str, dict] = {}
        self.started = time.time()
        self.meta: dict[str, Any] = {}

    def record(self, row: str, **values) -> None:
        self.rows.setdefault(row, {}).update(values)
        self.write()

    def write(self) -> None:
        from frameworks import ROWS

        document = {
            "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "seconds": round(time.time() - self.started, 1),
            "tool_count": TOOL_COUNT,
            **self.meta,
            "frameworks": {row.id: {"package": row.package, "tool_object": row.tool_object,
                                    "invocation": row.invocation, "validator": row.validator,
                                    **self.rows.get(row.id, {})}
                           for row in ROWS if row.id in self.rows},
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(document, indent=2, sort_keys=False) + "\n")
        temporary.replace(self.path)


def _package_versions() -> dict[str, str]:
    from importlib import metadata

    names = ["composio", "composio-openai", "composio-openai-agents", "composio-anthropic", "composio-langchain",
             "composio-langgraph", "composio-llamaindex", "composio-crewai", "composio-google", "composio-gemini",
             "openai", "openai-agents", "anthropic", "langchain-core", "langgraph", "llama-index-core", "crewai",
             "google-cloud-aiplatform", "google-genai", "pydantic"]
    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


@pytest.fixture(scope="session")
def matrix():
    recorder = Matrix(MATRIX)
    recorder.meta["packages"] = _package_versions()
    yield recorder
    recorder.write()
    print(f"\nframeworks suite: matrix in {MATRIX}", file=sys.stderr)


def check(condition: bool, message: str) -> None:
    """An assertion of the target, or only a note with TOOLPORT_FRAMEWORKS_RECORD_ONLY=1."""
    if condition:
        return
    if RECORD_ONLY:
        print(f"\n[record only] {message}", file=sys.stderr)
        return
    pytest.fail(message, pytrace=False)


# ---------------------------------------------------------------------------------------------------
# Processes and the connected user


@pytest.fixture(scope="session")
def stack(matrix):
    workdir = Path(tempfile.mkdtemp(prefix="toolport-frameworks-"))
    binary = toolport_stack.binary()
    running = toolport_stack.Stack.start(binary, workdir)
    matrix.meta["toolport_binary"] = str(binary)
    yield running
    running.close()
    print(f"\nframeworks suite: stack stopped; logs in {workdir}", file=sys.stderr)


@pytest.fixture(scope="session")
def user_id(stack) -> str:
    """A user with a bearer-token connection to the sandbox, made with the plain SDK."""
    from composio import Composio

    composio = Composio(api_key=toolport_stack.API_KEY, base_url=stack.server_url, allow_tracking=False)
    user = f"frameworks-{uuid.uuid4().hex[:8]}"
    config = composio.auth_configs.create("PIPEDRIVE", {"type": "use_custom_auth", "authScheme": "BEARER_TOKEN", "credentials": {}})
    request = composio.connected_accounts.initiate(
        user_id=user, auth_config_id=config.id,
        config={"auth_scheme": "BEARER_TOKEN", "val": toolport_stack.SANDBOX_TOKEN},
    )
    assert request.status == "ACTIVE", request
    return user


def sandbox_json(stack, method: str, path: str, body: dict | None = None) -> dict:
    """The sandbox's own API (Pipedrive v1) with the sandbox token, bypassing Toolport."""
    separator = "&" if "?" in path else "?"
    status, _, answer = stack.sandbox(method, f"{path}{separator}api_token={toolport_stack.SANDBOX_TOKEN}", body)
    assert 200 <= status < 300, f"sandbox {method} {path}: HTTP {status} {answer[:300]!r}"
    return json.loads(answer)


# ---------------------------------------------------------------------------------------------------
# Loading each row once


@dataclass
class Load:
    """A row's provider, its Composio client, and the outcome of `tools.get` for all Pipedrive tools."""

    composio: Any
    tools: list | None = None
    error: str | None = None
    seconds: float = 0.0
    by_name: dict[str, Any] = field(default_factory=dict)


@pytest.fixture(scope="session")
def loads(stack, user_id):
    cache: dict[str, Load] = {}

    def load(row) -> Load:
        if row.id in cache:
            return cache[row.id]
        from composio import Composio

        from frameworks import short

        provider = row.make_provider()
        composio = Composio(api_key=toolport_stack.API_KEY, base_url=stack.server_url, allow_tracking=False,
                            provider=provider)
        loaded = Load(composio=composio)
        started = time.time()
        try:
            tools = composio.tools.get(user_id=user_id, toolkits=["PIPEDRIVE"], limit=1000)
            loaded.tools = list(tools)
            loaded.by_name = {row.name_of(tool): tool for tool in loaded.tools}
        except Exception as error:
            loaded.error = short(error, 500)
        loaded.seconds = round(time.time() - started, 2)
        cache[row.id] = loaded
        return loaded

    return load
