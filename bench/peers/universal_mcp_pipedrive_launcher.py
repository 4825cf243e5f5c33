"""Runs universal-mcp-pipedrive 0.1.5 over stdio against the sandbox at $BENCH_SANDBOX_URL (for bench/mcp_peers.py).

The package's own server.py authenticates through AgentR (a cloud key); this launcher builds the same app with a
plain API-key integration instead. `ApiKeyIntegration("pipedrive")` reads env PIPEDRIVE_API_KEY through the
`EnvironmentStore` and sends it as `Authorization: Bearer`, which the sandbox accepts for its API token.
"""
import os

os.environ.setdefault("TELEMETRY_DISABLED", "true")

from universal_mcp.integrations import ApiKeyIntegration  # noqa: E402
from universal_mcp.servers import SingleMCPServer  # noqa: E402
from universal_mcp.stores import EnvironmentStore  # noqa: E402
from universal_mcp_pipedrive.app import PipedriveApp  # noqa: E402

app = PipedriveApp(integration=ApiKeyIntegration("pipedrive", store=EnvironmentStore()))
app.base_url = os.environ["BENCH_SANDBOX_URL"].rstrip("/") + "/v1"
SingleMCPServer(app_instance=app).run(transport="stdio")
