"""A real Kannel for tests (Debian's ``kannel`` and ``kannel-extras``, installed by
``make test`` and ``.ci/run``): bearerbox, smsbox and the fake SMSC on free ports of the
loopback, configured as in the reference set-up seen working on this kind of machine
(shared/reference/kannel), each in its own process and stopped after the test.

The fake SMSC prints every message it receives (``Got message N: <from to text>``,
UCS-2 text percent-encoded as UTF-16, a long text part by part); ``received()`` reads
them back, ``texts_to()`` joins what one number got. Inbound SMS
(a STOP) are sent by a fake SMSC started with ``-m 1``. Missing binaries skip a test on
a developer's machine and fail it under CI.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest
import requests

from tests.support.processes import free_port
from tests.support.waiting import eventually

BEARERBOX, SMSBOX = "/usr/sbin/bearerbox", "/usr/sbin/smsbox"
FAKESMSC = "/usr/lib/kannel/test/fakesmsc"
USERNAME, PASSWORD = "app", "secret-" + os.urandom(6).hex()
_GOT = re.compile(r"Got message \d+: <(\S+) (\S+) (text|ucs-2|data) (.*)>$")


@dataclass(frozen=True)
class Received:
    sender: str
    to: str
    text: str


def require_kannel() -> None:
    missing = [path for path in (BEARERBOX, SMSBOX, FAKESMSC) if not os.access(path, os.X_OK)]
    if not missing:
        return
    message = f"Kannel is not installed ({', '.join(missing)}): apt-get install kannel kannel-extras"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


class Kannel:
    def __init__(self, folder: Path, inbound_url: str):
        require_kannel()
        self.folder = folder
        self.ports = {name: free_port() for name in ("admin", "smsbox", "smsc", "sendsms")}
        self.inbound_url = inbound_url
        self.conf = folder / "kannel.conf"
        self.conf.write_text(self._configuration())
        self.processes: dict[str, subprocess.Popen] = {}
        self.smsc_outputs: list[Path] = []

    @property
    def sendsms_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['sendsms']}/cgi-bin/sendsms"

    def _configuration(self) -> str:
        return f"""group = core
admin-port = {self.ports['admin']}
admin-password = adm
smsbox-port = {self.ports['smsbox']}
log-level = 1
box-allow-ip = 127.0.0.1
admin-allow-ip = 127.0.0.1
dlr-storage = internal

group = smsc
smsc = fake
smsc-id = fake
port = {self.ports['smsc']}
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = {self.ports['smsbox']}
sendsms-port = {self.ports['sendsms']}
log-level = 1

group = sendsms-user
username = {USERNAME}
password = {PASSWORD}
max-messages = 10

group = sms-service
keyword = default
get-url = "{self.inbound_url}&from=%p&text=%a"
catch-all = yes
max-messages = 0
"""

    # -- lifecycle ---------------------------------------------------------------------
    def start(self) -> Kannel:
        self._spawn("bearerbox", [BEARERBOX, str(self.conf)])
        eventually(lambda: _answers(self.ports["smsbox"]), timeout=20, what="bearerbox")
        self._spawn("smsbox", [SMSBOX, str(self.conf)])
        self._start_smsc()
        eventually(lambda: _answers(self.ports["sendsms"]), timeout=20, what="smsbox")
        eventually(self._smsc_online, timeout=20, what="the fake SMSC to connect")
        return self

    def stop(self) -> None:
        for name in ("fakesmsc", "smsbox", "bearerbox"):
            process = self.processes.pop(name, None)
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(5)

    def send_inbound(self, sender: str, text: str) -> None:
        """An SMS from ``sender`` to the service: a second fake SMSC sends it."""
        self._stop_one("fakesmsc")
        self._start_smsc(f"{sender} 1234 text {text}")

    # -- what arrived ------------------------------------------------------------------
    def received(self) -> list[Received]:
        """Every message the fake SMSC got, in order, with its text decoded."""
        return [received for output in self.smsc_outputs
                for line in output.read_text(errors="replace").splitlines()
                if (received := parse_line(line)) is not None]

    def texts_to(self, number: str) -> str:
        """Everything the fake SMSC got for ``number``, its parts joined (a long text
        travels as a concatenated SMS, one part per line)."""
        return "".join(r.text for r in self.received() if r.to == number)

    def sendsms(self, to: str, text: str) -> int:
        """A direct sendsms call (the bench's baseline): the HTTP status."""
        return requests.get(self.sendsms_url, timeout=10, params={
            "username": USERNAME, "password": PASSWORD, "from": "Info", "to": to, "text": text,
            "charset": "UTF-8", "coding": 0}).status_code

    # -- helpers -----------------------------------------------------------------------
    def _start_smsc(self, inbound: str | None = None) -> None:
        args = [FAKESMSC, "-H", "127.0.0.1", "-r", str(self.ports["smsc"]), "-i", "0.01",
                "-m", "1" if inbound else "0", inbound or "123 456 text hi"]
        self._spawn("fakesmsc", args, keep_output=True)

    def _spawn(self, name: str, args: list[str], keep_output: bool = False) -> None:
        output = self.folder / f"{name}-{len(self.smsc_outputs)}-{time.monotonic_ns()}.out"
        if keep_output:
            self.smsc_outputs.append(output)
        with output.open("wb") as sink:
            self.processes[name] = subprocess.Popen(args, stdout=sink, stderr=subprocess.STDOUT,
                                                    cwd=self.folder)

    def _stop_one(self, name: str) -> None:
        process = self.processes.pop(name)
        process.terminate()
        process.wait(10)

    def _smsc_online(self) -> bool:
        try:
            status = requests.get(f"http://127.0.0.1:{self.ports['admin']}/status.txt",
                                  params={"password": "adm"}, timeout=2).text
        except requests.RequestException:
            return False
        return "online" in status and "fake" in status


def parse_line(line: str) -> Received | None:
    """A fake SMSC's ``Got message`` line read back; None for its other lines."""
    match = _GOT.search(line)
    if not match:
        return None
    sender, to, coding, text = match.groups()
    if coding == "ucs-2":  # URL-encoded UTF-16, a space as "+"
        text = unquote_to_bytes(text.replace("+", " ")).decode("utf-16-be")
    return Received(sender, to, text)


def _answers(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0
