"""Triggers through the real Composio SDK: Pipedrive events (from the sandbox's webhooks) reach a local receiver as
deliveries `composio.triggers.verify_webhook` accepts, filtered, retried across a restart and never duplicated.

These tests run on a stack of their own (`trigger_stack`): its server may deliver to the local receiver
(`--allow-webhook-target`) and retries within a second, and one test restarts it."""
from __future__ import annotations

import base64
import json
import sys
import time
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pystack"))
import toolport_stack  # noqa: E402
from webhook_receiver import running_receiver, wait_for  # noqa: E402

NEW_DEAL = "PIPEDRIVE_NEW_DEAL_TRIGGER"


def composio(trigger_stack):
    from composio import Composio

    return Composio(api_key=toolport_stack.API_KEY, base_url=trigger_stack.server_url, allow_tracking=False)


def account(client, user_id: str) -> str:
    config = client.auth_configs.create("PIPEDRIVE", {"type": "use_custom_auth", "authScheme": "API_KEY", "credentials": {}})
    request = client.connected_accounts.initiate(
        user_id=user_id, auth_config_id=config.id, config={"auth_scheme": "API_KEY", "val": {"api_key": toolport_stack.SANDBOX_TOKEN}}
    )
    assert request.status == "ACTIVE"
    return request.id


def add_deal(client, user_id: str, title: str, **fields) -> dict:
    result = client.tools.execute("PIPEDRIVE_ADD_A_DEAL", {"title": title, **fields}, user_id=user_id, dangerously_skip_version_check=True)
    assert result["successful"], result
    return result["data"]


def deliveries_for(receiver, trigger_id: str) -> list[dict]:
    return [m for m in receiver.messages() if m["json"]["metadata"]["trigger_id"] == trigger_id]


def sandbox_webhooks(trigger_stack) -> list[dict]:
    status, _, body = trigger_stack.sandbox("GET", "/v1/webhooks", headers={"x-api-token": toolport_stack.SANDBOX_TOKEN})
    assert status == 200
    return json.loads(body)["data"]


@pytest.fixture(scope="module")
def receiver():
    with running_receiver() as receiver:
        yield receiver


@pytest.fixture(scope="module")
def trigger_stack(receiver):
    stacks = toolport_stack.Stacks("triggers")
    running = stacks.start(server_args=(
        "--allow-webhook-target", f"http://127.0.0.1:{receiver.port}", "--trigger-retry-max-delay", "1",
    ))
    yield running
    stacks.close()


@pytest.fixture(scope="module")
def client(trigger_stack):
    return composio(trigger_stack)


@pytest.fixture(scope="module")
def subscription(client, receiver):
    return client.triggers.set_webhook_subscription(webhook_url=receiver.url)


@pytest.fixture(scope="module")
def user(client):
    user_id = f"user-{uuid.uuid4().hex[:8]}"
    return user_id, account(client, user_id)


@pytest.mark.sdk_row("composio.triggers.list", "GET /api/v3.1/triggers_types")
@pytest.mark.sdk_row("composio.triggers.get_type", "GET /api/v3.1/triggers_types/{slug}")
@pytest.mark.sdk_row("composio.triggers.list_enum", "GET /api/v3.1/triggers_types/list/enum")
def test_trigger_types_are_listed_and_described(client):
    types = client.triggers.list(toolkit_slugs=["pipedrive"])
    slugs = {item.slug for item in types.items}
    assert {NEW_DEAL, "PIPEDRIVE_DEAL_WON_TRIGGER", "PIPEDRIVE_NEW_NOTE_TRIGGER", "PIPEDRIVE_PERSON_DELETED_TRIGGER"} <= slugs
    new_deal = client.triggers.get_type(NEW_DEAL)
    assert new_deal.type == "webhook" and "pipeline_id" in new_deal.config["properties"]
    assert "deal" in new_deal.payload["properties"]
    assert NEW_DEAL in client.triggers.list_enum()


def test_unknown_trigger_type_is_refused_by_name(client, user):
    from composio import exceptions

    with pytest.raises(exceptions.TriggerTypeNotFound):
        client.triggers.create("PIPEDRIVE_NO_SUCH_TRIGGER", user_id=user[0])


def test_a_config_that_does_not_fit_the_schema_is_refused(client, user):
    with pytest.raises(Exception, match="pipeline_id"):
        client.triggers.create(NEW_DEAL, user_id=user[0], trigger_config={"pipeline_id": "first"})


@pytest.mark.sdk_row("composio.triggers.create", "POST /api/v3.1/trigger_instances/{slug}/upsert")
@pytest.mark.sdk_row("composio.triggers.set_webhook_subscription", "POST /api/v3.1/webhook_subscriptions")
@pytest.mark.sdk_row("composio.triggers.verify_webhook", "(local: signature of a delivery)")
def test_new_deal_reaches_the_receiver_signed_within_five_seconds(client, receiver, subscription, user, trigger_stack):
    user_id, account_id = user
    trigger = client.triggers.create(NEW_DEAL, user_id=user_id, trigger_config={})
    hooks = [hook for hook in sandbox_webhooks(trigger_stack) if hook["event_action"] == "create" and hook["event_object"] == "deal"]
    assert len(hooks) == 1 and hooks[0]["version"] == "2.0" and hooks[0]["http_auth_user"]

    started = time.time()
    add_deal(client, user_id, "Signed and delivered", value="1200")
    message = wait_for(lambda: deliveries_for(receiver, trigger.trigger_id), 5, "no delivery arrived")[0]
    assert time.time() - started < 5

    headers = message["headers"]
    verified = client.triggers.verify_webhook(
        id=headers["webhook-id"], payload=message["body"], secret=subscription["secret"],
        signature=headers["webhook-signature"], timestamp=headers["webhook-timestamp"],
    )
    assert verified["version"] == "V3"
    payload = verified["payload"]
    assert payload["trigger_slug"] == NEW_DEAL and payload["user_id"] == user_id
    assert payload["metadata"]["connected_account"]["id"] == account_id
    deal = payload["payload"]["deal"]
    assert deal["title"] == "Signed and delivered" and deal["value"] == 1200
    assert payload["payload"]["action"] == "create" and payload["payload"]["object"] == "deal"

    from composio import exceptions

    with pytest.raises(exceptions.WebhookSignatureVerificationError):
        client.triggers.verify_webhook(
            id=headers["webhook-id"], payload=message["body"].replace("Signed", "Forged"), secret=subscription["secret"],
            signature=headers["webhook-signature"], timestamp=headers["webhook-timestamp"],
        )


def test_a_filter_that_does_not_match_delivers_nothing(client, receiver, subscription, user):
    user_id, account_id = user
    other = client.triggers.create(NEW_DEAL, connected_account_id=account_id, trigger_config={"pipeline_id": 999})
    matching = client.triggers.create(NEW_DEAL, connected_account_id=account_id, trigger_config={"pipeline_id": 1})
    add_deal(client, user_id, "In pipeline one", pipeline_id=1)
    wait_for(lambda: [m for m in deliveries_for(receiver, matching.trigger_id) if m["json"]["data"]["deal"]["title"] == "In pipeline one"],
             5, "the matching trigger's delivery did not arrive")
    time.sleep(0.5)
    assert deliveries_for(receiver, other.trigger_id) == []
    client.triggers.delete(other.trigger_id)
    client.triggers.delete(matching.trigger_id)


@pytest.mark.sdk_row("composio.triggers.list_active", "GET /api/v3.1/trigger_instances/active")
@pytest.mark.sdk_row("composio.triggers.enable", "PATCH /api/v3.1/trigger_instances/manage/{id}")
@pytest.mark.sdk_row("composio.triggers.disable", "PATCH /api/v3.1/trigger_instances/manage/{id}")
def test_listing_enabling_and_disabling(client, receiver, subscription, user):
    user_id, account_id = user
    trigger = client.triggers.create("PIPEDRIVE_NEW_PERSON_TRIGGER", user_id=user_id)
    active = client.triggers.list_active(trigger_ids=[trigger.trigger_id])
    assert [item.id for item in active.items] == [trigger.trigger_id]
    assert active.items[0].trigger_name == "PIPEDRIVE_NEW_PERSON_TRIGGER" and active.items[0].user_id == user_id

    client.triggers.disable(trigger.trigger_id)
    assert client.triggers.list_active(trigger_ids=[trigger.trigger_id]).items == []
    assert len(client.triggers.list_active(trigger_ids=[trigger.trigger_id], show_disabled=True).items) == 1
    client.tools.execute("PIPEDRIVE_ADD_A_PERSON", {"name": "Quiet Person"}, user_id=user_id, dangerously_skip_version_check=True)
    time.sleep(1)
    assert deliveries_for(receiver, trigger.trigger_id) == []

    client.triggers.enable(trigger.trigger_id)
    client.tools.execute("PIPEDRIVE_ADD_A_PERSON", {"name": "Loud Person"}, user_id=user_id, dangerously_skip_version_check=True)
    message = wait_for(lambda: deliveries_for(receiver, trigger.trigger_id), 5, "no delivery after enabling")[0]
    assert message["json"]["data"]["person"]["name"] == "Loud Person"
    client.triggers.delete(trigger.trigger_id)


def test_deal_won_fires_only_on_the_change_to_won(client, receiver, subscription, user):
    user_id, _ = user
    trigger = client.triggers.create("PIPEDRIVE_DEAL_WON_TRIGGER", user_id=user_id)
    deal = add_deal(client, user_id, "Will be won")
    deal_id = deal.get("data", deal).get("id") if isinstance(deal, dict) else None
    assert deal_id
    result = client.tools.execute("PIPEDRIVE_UPDATE_A_DEAL", {"id": deal_id, "status": "won"}, user_id=user_id, dangerously_skip_version_check=True)
    assert result["successful"], result
    message = wait_for(lambda: deliveries_for(receiver, trigger.trigger_id), 5, "no won delivery")[0]
    assert message["json"]["data"]["deal"]["status"] == "won" and message["json"]["data"]["previous"]["status"] == "open"
    client.triggers.delete(trigger.trigger_id)


def test_the_receiver_down_is_retried_and_delivered_once_across_a_restart(client, receiver, subscription, user, trigger_stack):
    user_id, _ = user
    trigger = client.triggers.create(NEW_DEAL, user_id=user_id, trigger_config={"owner_id": 1})
    receiver.stop()
    add_deal(client, user_id, "Delivered after the outage")

    def failed_attempt():
        status, _, body = trigger_stack.api("GET", f"/api/toolport/trigger_deliveries?trigger_id={trigger.trigger_id}")
        items = json.loads(body)["items"]
        return items if items and items[0]["attempts"] >= 1 and items[0]["status"] == "pending" else None

    items = wait_for(failed_attempt, 10, "no failed attempt was recorded")
    assert "error" in items[0]["attempt_log"][0]

    # Restart Toolport on the same database and port: the outbox survives.
    port = int(trigger_stack.server_url.rsplit(":", 1)[1])
    toolport_stack.stop([trigger_stack.server])
    with open(trigger_stack.log_path, "a") as log:
        process, _ = toolport_stack.start_server(
            trigger_stack.binary, trigger_stack.sandbox_url, trigger_stack.database, log, "--allow-webhook-target", f"http://127.0.0.1:{receiver.port}",
            "--trigger-retry-max-delay", "1", port=port,
        )
    trigger_stack.processes[1] = process
    receiver.start()
    messages = wait_for(lambda: deliveries_for(receiver, trigger.trigger_id), 10, "the retried delivery did not arrive")
    time.sleep(2)
    messages = deliveries_for(receiver, trigger.trigger_id)
    assert len(messages) == 1 and messages[0]["json"]["data"]["deal"]["title"] == "Delivered after the outage"
    status, _, body = trigger_stack.api("GET", f"/api/toolport/trigger_deliveries?trigger_id={trigger.trigger_id}")
    record = json.loads(body)["items"][0]
    assert record["status"] == "delivered" and record["attempts"] >= 2 and record["attempt_log"][-1]["status_code"] == 200
    client.triggers.delete(trigger.trigger_id)


def test_a_retried_pipedrive_event_is_delivered_once_and_wrong_credentials_are_refused(client, receiver, subscription, user, trigger_stack):
    user_id, _ = user
    trigger = client.triggers.create("PIPEDRIVE_NEW_ORGANIZATION_TRIGGER", user_id=user_id)
    hook = next(h for h in sandbox_webhooks(trigger_stack) if h["event_object"] == "organization" and h["event_action"] == "create")
    path = "/" + hook["subscription_url"].split("/", 3)[3]
    event = {"meta": {"action": "create", "entity": "organization", "entity_id": "77", "id": str(uuid.uuid4()),
                      "timestamp": "2026-12-06T10:00:00Z", "version": "2.0"}, "data": {"id": 77, "name": "Replayed Org"}, "previous": None}
    good = "Basic " + base64.b64encode(f"{hook['http_auth_user']}:{hook['http_auth_password']}".encode()).decode()
    wrong = "Basic " + base64.b64encode(f"{hook['http_auth_user']}:not-the-password".encode()).decode()

    assert trigger_stack.api("POST", path, event, api_key=None, headers={"authorization": wrong})[0] == 401
    assert trigger_stack.api("POST", path, event, api_key=None)[0] == 401
    # Pipedrive retries an event it thinks failed: the same meta.id arrives twice.
    assert trigger_stack.api("POST", path, event, api_key=None, headers={"authorization": good})[0] == 200
    assert trigger_stack.api("POST", path, event, api_key=None, headers={"authorization": good})[0] == 200
    wait_for(lambda: deliveries_for(receiver, trigger.trigger_id), 5, "no organization delivery")
    time.sleep(1)
    messages = deliveries_for(receiver, trigger.trigger_id)
    assert len(messages) == 1 and messages[0]["json"]["data"]["organization"]["name"] == "Replayed Org"
    assert trigger_stack.api("POST", "/api/toolport/pipedrive/webhooks/pw_unknown", event, api_key=None, headers={"authorization": good})[0] == 404
    client.triggers.delete(trigger.trigger_id)

    metrics = metric_values(trigger_stack)
    for result in ("accepted", "duplicate", "unauthorized", "unknown_webhook"):
        assert metrics.get(f'toolport_trigger_events_total{{result="{result}"}}', 0) >= 1, result
    assert metrics.get('toolport_trigger_deliveries_total{outcome="delivered"}', 0) >= 1


def metric_values(trigger_stack) -> dict[str, float]:
    """`GET /metrics` as {series: value}."""
    status, _, body = trigger_stack.api("GET", "/metrics", api_key=None)
    assert status == 200
    values = {}
    for line in body.decode().splitlines():
        if line and not line.startswith("#"):
            series, _, value = line.rpartition(" ")
            values[series] = float(value)
    return values


@pytest.mark.sdk_row("composio.triggers.delete", "DELETE /api/v3.1/trigger_instances/manage/{id}")
def test_deleting_the_last_trigger_removes_the_sandbox_webhook(client, user, trigger_stack):
    user_id, account_id = user
    for item in client.triggers.list_active(connected_account_ids=[account_id], show_disabled=True).items:
        client.triggers.delete(item.id)
    assert sandbox_webhooks(trigger_stack) == []
    assert client.triggers.list_active(connected_account_ids=[account_id]).items == []


def test_webhook_subscriptions_refuse_unsafe_targets(trigger_stack):
    status, _, body = trigger_stack.api("POST", "/api/v3.1/webhook_subscriptions", {"webhook_url": "http://10.0.0.8/hooks"})
    assert status == 400 and b"https" in body
    status, _, body = trigger_stack.api("POST", "/api/v3.1/webhook_subscriptions", {"webhook_url": "https://127.0.0.1:9/hooks"})
    assert status == 400 and b"--allow-webhook-target" in body


@pytest.mark.sdk_row("composio.triggers.subscribe", "GET /api/v3/internal/sdk/realtime/credentials", unsupported="needs Pusher's cloud (wss://ws-{cluster}.pusher.com is fixed in the SDK); use webhook subscriptions")
def test_subscribe_explains_that_realtime_needs_webhooks(client):
    with pytest.raises(Exception, match="set_webhook_subscription"):
        client.triggers.subscribe(timeout=2)


@pytest.mark.sdk_row("composio.webhooks.subscriptions.list", "GET /api/v3.1/webhook_subscriptions")
@pytest.mark.sdk_row("composio.webhooks.subscriptions.get", "GET /api/v3.1/webhook_subscriptions/{id}")
@pytest.mark.sdk_row("composio.webhooks.subscriptions.update", "PATCH /api/v3.1/webhook_subscriptions/{id}")
@pytest.mark.sdk_row("composio.webhooks.subscriptions.rotate_secret", "POST /api/v3.1/webhook_subscriptions/{id}/rotate_secret")
@pytest.mark.sdk_row("composio.webhooks.subscriptions.list_event_types", "GET /api/v3.1/webhook_subscriptions/event_types")
@pytest.mark.sdk_row("composio.webhooks.subscriptions.delete", "DELETE /api/v3.1/webhook_subscriptions/{id}")
def test_webhook_subscriptions_through_the_sdk(client, receiver):
    subscriptions = client.webhooks.subscriptions
    first = subscriptions.list().items[0]
    assert subscriptions.get(first.id).webhook_url == receiver.url
    assert [item.event_type for item in subscriptions.list_event_types().items] == ["composio.trigger.message"]
    rotated = subscriptions.rotate_secret(first.id)
    assert rotated.secret and rotated.secret != first.secret
    updated = subscriptions.update(first.id, webhook_url=receiver.url + "?v=2")
    assert updated.webhook_url.endswith("?v=2") and updated.secret == rotated.secret
    assert subscriptions.delete(first.id).success is True
    assert subscriptions.list().items == []
