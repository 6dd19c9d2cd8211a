"""The platform as operators run it, for one test: each service's web processes
(gunicorn) and workers as separate OS processes in production mode, on the test's
broker prefix and databases (``Platform``), notifications sending SMS through a real
Kannel to its fake SMSC and e-mail to a real SMTP server, and an independent pika
client recording what goes over the wire."""

from __future__ import annotations

import os
import secrets
import signal
import time
from pathlib import Path

import requests
from prometheus_client.parser import text_string_to_metric_families

from shared.events.envelope import Envelope
from shared.messaging.sealing import EventSealer, is_sealed
from tests.support.kannel import PASSWORD, USERNAME, Kannel
from tests.support.platform import Platform
from tests.support.processes import Processes, clean_environment, free_port, wait_ready
from tests.support.smtp_server import PASSWORD as SMTP_PASSWORD
from tests.support.smtp_server import USER as SMTP_USER
from tests.support.smtp_server import SmtpServer
from tests.support.wire import WireRecorder

SERVICES = ("intake", "training", "grants", "notifications")


class ProcessPlatform:
    """``webs`` web processes and ``workers`` workers per service (so that many relays
    share each outbox and many consumers each queue). ``amqp_url`` is where the test's
    pika client records the wire (the broker itself, where the platform reaches it
    through a proxy); ``broker_outages``: it records through the broker's stops and
    crashes."""

    def __init__(self, platform: Platform, folder: Path, amqp_url: str, webs: int = 1,
                 workers: int = 1, broker_outages: bool = False):
        self.platform, self.folder, self.amqp_url = platform, folder, amqp_url
        self.broker_outages = broker_outages
        self.webs, self.workers = webs, workers
        self.ports = {name: [free_port() for _ in range(webs)] for name in SERVICES}
        notifications_web = f"http://127.0.0.1:{self.ports['notifications'][0]}"
        inbound_token = secrets.token_urlsafe(16)
        (folder / "kannel").mkdir()
        self.kannel = Kannel(folder / "kannel",
                             f"{notifications_web}/gateways/kannel/inbound?token={inbound_token}")
        self.smtp = SmtpServer(folder)
        self.env = clean_environment(
            **platform.env, VIDNOVA_ENV="production",
            NOTIFICATIONS_SMS_GATEWAY=self.kannel.sendsms_url,
            NOTIFICATIONS_KANNEL_USERNAME=USERNAME, NOTIFICATIONS_KANNEL_PASSWORD=PASSWORD,
            NOTIFICATIONS_KANNEL_INBOUND_TOKEN=inbound_token,
            NOTIFICATIONS_PUBLIC_URL=notifications_web,
            NOTIFICATIONS_RETRY_BASE_DELAY="0.5", NOTIFICATIONS_RETRY_MAX_DELAY="3",
            NOTIFICATIONS_EMAIL_GATEWAY=self.smtp.url, NOTIFICATIONS_SMTP_USERNAME=SMTP_USER,
            NOTIFICATIONS_SMTP_PASSWORD=SMTP_PASSWORD, NOTIFICATIONS_SMTP_CA_FILE=str(self.smtp.cert),
            NOTIFICATIONS_EMAIL_FROM="info@vidnova.test")
        self.processes = Processes(folder)
        self.wire: WireRecorder | None = None
        self.metrics_ports: dict[str, int] = {}  # worker's name -> its metrics port

    @property
    def urls(self) -> dict[str, list[str]]:
        return {name: [f"http://127.0.0.1:{port}" for port in ports]
                for name, ports in self.ports.items()}

    def start(self) -> ProcessPlatform:
        self.smtp.__enter__()
        self.kannel.start()
        self.wire = WireRecorder(self.amqp_url, self.platform.topology().exchange.name,
                                 opener=_opener(self.platform),
                                 through_outages=self.broker_outages)
        started = []
        for name in SERVICES:
            for n, port in enumerate(self.ports[name]):
                started.append((port, self.processes.start(
                    f"{name}-web-{n}", self.processes.web_argv(name, port, workers=1), self.env)))
            for n in range(self.workers):
                self.start_worker(name, n)
        for port, web in started:
            wait_ready(f"http://127.0.0.1:{port}", process=web)
        return self

    def start_worker(self, service: str, n: int):
        name = f"{service}-worker-{n}"
        port = self.metrics_ports.setdefault(name, free_port())
        return self.processes.start(name, self.processes.worker_argv(service), {
            **self.env, f"{service.upper()}_WORKER_METRICS_PORT": str(port)})

    def kill_worker(self, service: str, n: int, holding_for: float = 0.0):
        """SIGKILL a worker, and start it again. With ``holding_for``, it is stopped
        (SIGSTOP) that long first: the deliveries the broker pushes to its consumer
        meanwhile, and any outbox rows its relay has locked, are held when it dies."""
        process = self.processes.started[f"{service}-worker-{n}"]
        if holding_for:
            os.killpg(process.pid, signal.SIGSTOP)
            time.sleep(holding_for)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
        return self.start_worker(service, n)

    def messages_of(self, beneficiary_id: str) -> list[dict]:
        """Notifications' history of the person's messages (template, status, reason...)."""
        return requests.get(f"{self.urls['notifications'][0]}/beneficiaries/{beneficiary_id}/messages",
                            headers=self.platform.token("caseworker"), timeout=30).json()

    def signal_workers(self, sig: int) -> None:
        """``sig`` to every worker (SIGSTOP to hold them, SIGCONT to let them go on)."""
        for name, process in self.processes.started.items():
            if "-worker-" in name:
                os.killpg(process.pid, sig)

    def worker_total(self, service: str, n: int, metric: str, **labels: str) -> float:
        """The sum of a worker's ``metric`` samples with ``labels``, as it is scraped now."""
        port = self.metrics_ports[f"{service}-worker-{n}"]
        text = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=10).text
        return sum(sample.value for family in text_string_to_metric_families(text)
                   for sample in family.samples if sample.name == metric
                   and all(sample.labels.get(k) == v for k, v in labels.items()))

    def stop(self) -> dict[str, int]:
        codes = self.processes.stop()
        if self.wire is not None:
            self.wire.close()
        self.kannel.stop()
        self.smtp.__exit__(None, None, None)
        return codes


def _opener(platform: Platform):
    """Opens a sealed event's data only to read whom it is about: the rest (a number,
    an address) is not kept."""
    sealer = EventSealer.from_settings(platform.settings("intake"))

    def opened(wire: dict) -> dict:
        event = Envelope.from_wire(wire)
        if not is_sealed(event):
            return wire
        return {**wire, "data": {"beneficiary_id": sealer.open(event).data["beneficiary_id"],
                                 "sealed_on_the_wire": True}}

    return opened
