"""E-mail through SMTP, with STARTTLS (the server's certificate verified) and
authentication when configured.

What an outcome means: a reply code 4xx not taken, for now (retried); 5xx refused for
good on this channel (the other channel is tried), but for a refused login, which is the
configuration's fault and is retried until it is mended; a connection that could not be made
or secured, not taken (retried). A connection lost while the message itself was being
handed over leaves the outcome unknown: the server may have it, so it is not sent
again. Exception texts are not passed on: a refusal quotes the address.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from urllib.parse import urlsplit

from services.notifications.adapters.gateways import Outgoing
from services.notifications.config import NotificationsConfig
from services.notifications.domain.delivery import (
    Accepted,
    PermanentFailure,
    TransientFailure,
    UnknownOutcome,
)


class SmtpGateway:
    def __init__(self, config: NotificationsConfig):
        parts = urlsplit(config.email_gateway)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 25
        self._login = (config.smtp_username, config.smtp_password) if config.smtp_username else None
        self.starttls, self.sender = config.smtp_starttls, config.email_from
        self.timeout = config.gateway_timeout
        self.tls = ssl.create_default_context(cafile=config.smtp_ca_file or None)

    def __repr__(self) -> str:
        return f"SmtpGateway({self.host}:{self.port})"

    def send(self, message: Outgoing) -> Accepted:
        email = EmailMessage()
        email["From"], email["To"], email["Subject"] = self.sender, message.to, message.subject
        email["Message-ID"] = f"<{message.message_id}@vidnova>"
        email.set_content(message.body)
        handing_over = False
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                self._open(smtp)
                handing_over = True
                smtp.send_message(email)
        except smtplib.SMTPAuthenticationError as exc:  # the configuration's fault, not the message's
            raise TransientFailure(f"smtp_{exc.smtp_code}") from None
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise _by_code(codes[0] if codes else 550) from None
        except smtplib.SMTPResponseException as exc:
            raise _by_code(exc.smtp_code) from None
        except (smtplib.SMTPException, OSError):
            if handing_over:
                raise UnknownOutcome("smtp_connection_lost") from None
            raise TransientFailure("smtp_unreachable") from None
        return Accepted(email["Message-ID"])

    def _open(self, smtp: smtplib.SMTP) -> None:
        smtp.ehlo()
        if self.starttls:
            smtp.starttls(context=self.tls)
            smtp.ehlo()
        if self._login:
            smtp.login(*self._login)

    def was_sent(self, message_id: str) -> None:
        """An SMTP server cannot be asked afterwards."""
        return None


def _by_code(code: int) -> Exception:
    reason = f"smtp_{code}"
    return PermanentFailure(reason) if 500 <= code < 600 else TransientFailure(reason)
