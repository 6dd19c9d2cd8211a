"""``python -m tests.support.notifications.killed_sender``: one sending round of
notifications whose process is killed (SIGKILL) right after its SMS gateway took the
first message, before the round could settle it: the crash the send-then-settle
protocol is built for. The settings come from the environment, as a worker's do."""

from __future__ import annotations

import os
import signal
from dataclasses import replace

from services.notifications.service import SERVICE
from services.notifications.usecases.dispatch import dispatch_due
from shared.service import settings_for


class KilledAfterSending:
    def __init__(self, gateway):
        self.gateway = gateway

    def send(self, message):
        self.gateway.send(message)
        os.kill(os.getpid(), signal.SIGKILL)

    def was_sent(self, message_id):
        return self.gateway.was_sent(message_id)


def main() -> None:
    runtime = SERVICE.bootstrap(settings_for(SERVICE))
    gateways = {**runtime.gateways, "sms": KilledAfterSending(runtime.gateways["sms"])}
    dispatch_due(replace(runtime, gateways=gateways))
    raise SystemExit("nothing was due: the process was not killed")


if __name__ == "__main__":
    main()
