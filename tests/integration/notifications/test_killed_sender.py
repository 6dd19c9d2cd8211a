"""A worker killed with SIGKILL right after Kannel took an SMS, before it recorded that,
sends no second SMS: the message was marked *sending* first, so no round takes it again,
and its delivery report settles it (without one, the reconciler would give it up as of
unknown outcome, never send it again)."""

from __future__ import annotations

import signal
import subprocess
import sys
from dataclasses import replace

import pytest

from shared.roles import CASEWORKER
from shared.worker import Worker
from tests.support.processes import ROOT, clean_environment
from tests.support.registrations import registration
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration


def history(platform, beneficiary_id: str) -> list[dict]:
    return platform.client("notifications").get(f"/beneficiaries/{beneficiary_id}/messages",
                                                headers=platform.token(CASEWORKER)).json


def test_a_worker_killed_right_after_the_gateway_call_sends_no_second_sms(kannel_platform):
    platform, kannel, _ = kannel_platform
    platform.worker("intake")
    consumer_only = replace(platform.service("notifications"), periodic_jobs={})
    platform.workers.append(Worker(consumer_only, platform.settings("notifications")).start())
    body = registration()
    phone = body["person"]["mobile_phone"]
    beneficiary_id = platform.client("intake").post("/beneficiaries", json=body,
                                                    headers=platform.token(CASEWORKER)).json["id"]
    eventually(lambda: [m["status"] for m in history(platform, beneficiary_id)] == ["queued"],
               timeout=60, what="the welcome queued")

    killed = subprocess.run([sys.executable, "-m", "tests.support.notifications.killed_sender"],
                            env=clean_environment(**platform.env), cwd=ROOT, timeout=120,
                            capture_output=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-2000:]
    eventually(lambda: kannel.texts_to(phone).count("Вітаємо!") == 1, timeout=30,
               what="the one SMS at the fake SMSC")
    assert history(platform, beneficiary_id)[0]["status"] in ("sending", "sent", "delivered")

    platform.worker("notifications", NOTIFICATIONS_SENDING_TIMEOUT="1",
                    NOTIFICATIONS_RECONCILE_INTERVAL="0.5")
    settled = eventually(lambda: (m := history(platform, beneficiary_id)[0])["status"] == "delivered"
                         and m, timeout=60, what="the message settled by its delivery report")
    assert settled["attempts"] == 1
    eventually(lambda: len(kannel.received()) >= 2, timeout=10, what="both parts")
    assert kannel.texts_to(phone).count("Вітаємо!") == 1  # no second SMS
