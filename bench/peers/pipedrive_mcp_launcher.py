"""Runs pipedrive-mcp 0.5.0's stdio server against the sandbox at $BENCH_SANDBOX_URL (for bench/mcp_peers.py).

The package has no base-URL setting: its client keeps the Pipedrive hosts in two class attributes, which are
pointed at the sandbox before the server starts. It reads the token from PIPEDRIVE_API_KEY and sends it as
`?api_token=`, which the sandbox accepts.
"""
import os

from pipedrive_mcp.pipedrive import PipedriveClient

sandbox = os.environ["BENCH_SANDBOX_URL"].rstrip("/")
PipedriveClient.BASE_URL = f"{sandbox}/api/v2"
PipedriveClient.V1_BASE_URL = f"{sandbox}/v1"

from pipedrive_mcp.server import main  # noqa: E402  (after the override, though it reads it per call)

main()
