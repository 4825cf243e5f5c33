"""Triggers across replicas A and B on one PostgreSQL database: both run a delivery worker on the shared outbox,
and every event is delivered once: deliveries leased by one replica are not sent by the other, and a Pipedrive
event that reaches both replicas (a retry landing elsewhere) is recorded once. (Module `triggers_deployment`.)"""
from __future__ import annotations

import base64
import sys
import time
import uuid
from pathlib import Path

import pytest

import replica_cluster
from replica_cluster import API, connect_api_token, create_auth_config, expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pystack"))
from webhook_receiver import running_receiver, wait_for  # noqa: E402

replica_cluster.require_postgres()


@pytest.fixture(scope="module")
def receiver():
    with running_receiver() as receiver:
        yield receiver


@pytest.fixture(scope="module")
def triggers_deployment(workdir, database, receiver):
    allow = ("--allow-webhook-target", f"http://127.0.0.1:{receiver.port}", "--trigger-retry-max-delay", "1")
    running = replica_cluster.Deployment(workdir, database)
    try:
        running.start("A", *allow)
        running.start("B", *allow)
        yield running
    finally:
        running.close()


def test_each_event_is_delivered_once_by_replicas_sharing_the_outbox(triggers_deployment, receiver):
    a, b = triggers_deployment.replicas["A"], triggers_deployment.replicas["B"]
    expect(a.api("POST", f"{API}/webhook_subscriptions", {"webhook_url": receiver.url}), 201)
    account_id = expect(connect_api_token(a, create_auth_config(a, "API_KEY"), "trigger-user"), 201)["id"]
    trigger_id = expect(b.api("POST", f"{API}/trigger_instances/PIPEDRIVE_NEW_DEAL_TRIGGER/upsert",
                              {"connected_account_id": account_id, "trigger_config": {}}), 200)["trigger_id"]

    titles = [f"Replicated deal {index}" for index in range(12)]
    for index, title in enumerate(titles):
        replica = a if index % 2 == 0 else b
        answer = expect(replica.api("POST", f"{API}/tools/execute/PIPEDRIVE_ADD_A_DEAL",
                                    {"arguments": {"title": title}, "connected_account_id": account_id}), 200)
        assert answer["successful"], answer

    def delivered():
        mine = [m for m in receiver.messages() if m["json"]["metadata"]["trigger_id"] == trigger_id]
        return mine if len(mine) >= len(titles) else None

    wait_for(delivered, 15, f"{len(titles)} deliveries did not arrive")
    time.sleep(2)
    mine = [m for m in receiver.messages() if m["json"]["metadata"]["trigger_id"] == trigger_id]
    assert sorted(m["json"]["data"]["deal"]["title"] for m in mine) == sorted(titles)
    assert len({m["headers"]["webhook-id"] for m in mine}) == len(titles)

    # A Pipedrive retry of one event reaching each replica once: recorded once.
    hook = next(h for h in expect(triggers_deployment.sandbox("GET", "/v1/webhooks", headers={"x-api-token": "sandbox-api-token"}), 200)["data"]
                if h["event_object"] == "deal")
    path = "/" + hook["subscription_url"].split("/", 3)[3]
    credentials = "Basic " + base64.b64encode(f"{hook['http_auth_user']}:{hook['http_auth_password']}".encode()).decode()
    event = {"meta": {"action": "create", "entity": "deal", "entity_id": "900", "id": str(uuid.uuid4()), "timestamp": "2026-12-06T10:00:00Z",
                      "version": "2.0"}, "data": {"id": 900, "title": "Retried on both"}, "previous": None}
    for replica in (a, b, a):
        assert replica.api("POST", path, event, api_key=None, headers={"authorization": credentials})[0] == 200
    wait_for(lambda: [m for m in receiver.messages() if m["json"]["data"]["deal"]["title"] == "Retried on both"], 10, "the retried event was not delivered")
    time.sleep(2)
    assert len([m for m in receiver.messages() if m["json"]["data"]["deal"]["title"] == "Retried on both"]) == 1
