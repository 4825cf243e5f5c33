"""A local OTLP/HTTP trace receiver on loopback: keeps every export's raw bytes and its decoded spans.

`toolport serve --otel-endpoint <receiver.url>` exports protobuf to `<url>/v1/traces`; the spans are decoded with
the `opentelemetry-proto` package.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from opentelemetry.proto.collector.trace.v1 import trace_service_pb2


@dataclass
class ReceivedSpan:
    name: str
    trace_id: str
    span_id: str
    parent_span_id: str
    kind: int
    attributes: dict


class OTLPReceiver:
    """Start with `OTLPReceiver()`, read `.spans` / `.raw`, stop with `close()`."""

    def __init__(self) -> None:
        self.raw: list[bytes] = []
        self.spans: list[ReceivedSpan] = []
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                receiver._receive(self.path, body)
                self.send_response(200)
                self.send_header("content-type", "application/x-protobuf")
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def _receive(self, path: str, body: bytes) -> None:
        request = trace_service_pb2.ExportTraceServiceRequest()
        request.ParseFromString(body)
        spans = [
            ReceivedSpan(name=span.name, trace_id=span.trace_id.hex(), span_id=span.span_id.hex(),
                         parent_span_id=span.parent_span_id.hex(), kind=span.kind,
                         attributes={item.key: _value(item.value) for item in span.attributes})
            for resource in request.resource_spans for scope in resource.scope_spans for span in scope.spans
        ]
        with self._lock:
            self.raw.append(body)
            self.spans.extend(spans)

    def wait_for(self, predicate, timeout: float = 20) -> list[ReceivedSpan]:
        """Waits until `predicate(spans)` holds; returns the spans received by then."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                spans = list(self.spans)
            if predicate(spans) or time.monotonic() > deadline:
                return spans
            time.sleep(0.1)

    def close(self) -> None:
        self._server.shutdown()


def _value(value):
    kind = value.WhichOneof("value")
    return getattr(value, kind) if kind else None
