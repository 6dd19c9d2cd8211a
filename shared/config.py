"""Settings from environment variables, with embedded defaults.

This is the only module that reads ``os.environ``: everything else is handed a
``Settings``. The embedded default (no variables set) runs on SQLite files and the
embedded broker (``embedded://``: one SQLite file, ``shared.messaging.embedded``) under
``VIDNOVA_DATA_DIR``; ``VIDNOVA_ENV=production`` refuses both.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from shared import owner_only_files

SERVICE_PORTS = {"intake": 8001, "training": 8002, "grants": 8003, "notifications": 8004}
# Processes that keep no programme data and use no broker (the staff portal, port 8000 as
# every process without a port of its own, renders pages from the services' APIs):
# production does not ask them for a broker here; what database they keep (the portal's:
# staff's preferences), their own config checks.
STATELESS = ("portal",)
# A worker's metrics endpoint: a port per service, so `vidnova run` puts the four on one
# machine side by side (in a container each could have any).
WORKER_METRICS_PORTS = {"intake": 9101, "training": 9102, "grants": 9103, "notifications": 9104}
ENVIRONMENTS = ("embedded", "production")
# Secrets several services hold alike: the keys sealing personal events end to end,
# from the producing service's outbox to the consuming service's handler.
SHARED_SECRETS = ("VIDNOVA_EVENT_KEYS", "VIDNOVA_EVENT_KEY_ID")
# A bearer token meant to live years is a leaked credential waiting to happen: tokens
# whose lifetime is longer are refused, and `vidnova token` issues none longer.
DEFAULT_TOKEN_MAX_LIFETIME = timedelta(hours=24)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
EMBEDDED_BROKER_URL = "embedded://"
AMQP_SCHEMES = ("amqp://", "amqps://", "pyamqp://")
AMQP_URL_SEPARATOR = ";"  # between a cluster's node URLs, as kombu writes failover URLs


class ConfigError(Exception):
    """The environment describes a configuration the platform refuses to run with."""


@dataclass(frozen=True)
class JwtSettings:
    algorithm: str
    secret: str | None
    jwks_url: str | None
    issuer: str
    audience: str | None
    max_lifetime: timedelta = DEFAULT_TOKEN_MAX_LIFETIME


@dataclass(frozen=True)
class Settings:
    service: str
    environment: str
    data_dir: Path
    database_url: str
    amqp_url: str
    broker_prefix: str
    http_port: int
    jwt: JwtSettings
    max_delivery_attempts: int = 5
    retry_base_delay: float = 1.0
    retry_max_delay: float = 300.0
    delivery_limit: int = 20
    relay_batch_size: int = 200
    relay_poll_interval: float = 0.02
    consumer_prefetch: int = 50
    embedded_max_message_bytes: int = 1024 * 1024
    embedded_lease_seconds: float = 30.0
    db_pool_size: int = 5
    log_level: str = "INFO"
    # Proxies whose X-Forwarded-For names the client (nginx, the Ingress); nobody's by
    # default, since a client could otherwise name any address it likes.
    trusted_proxies: tuple[Network, ...] = ()
    # Failed sign-ins (credentials presented, answered 401) one client address may make
    # within the window before its further attempts are answered 429.
    sign_in_failure_limit: int = 10
    sign_in_failure_window: float = 300.0
    # The worker's /metrics (0: not served), and the address it listens on: the loopback
    # unless told otherwise (a container's Prometheus needs 0.0.0.0).
    worker_metrics_port: int = 0
    worker_metrics_host: str = "127.0.0.1"
    # Traces are exported over OTLP/HTTP to this collector; none (the default): no traces.
    tracing_endpoint: str | None = None
    # The service's own variables (<SERVICE>_*) and the secrets services share (the event
    # keys): never in a repr, since they hold keys.
    extra: Mapping[str, str] = field(default_factory=dict, repr=False)

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def amqp_urls(self) -> tuple[str, ...]:
        """The broker's URLs: one, or a RabbitMQ cluster's nodes separated by ``;``, tried
        in order (a connection that fails, or fails over, goes on to the next)."""
        return tuple(url.strip() for url in self.amqp_url.split(AMQP_URL_SEPARATOR) if url.strip())

    @property
    def broker_is_amqp(self) -> bool:
        return bool(self.amqp_urls) and all(url.startswith(AMQP_SCHEMES) for url in self.amqp_urls)

    @property
    def broker_is_embedded(self) -> bool:
        return self.amqp_urls == (self.amqp_url,) and self.amqp_url.startswith(EMBEDDED_BROKER_URL)

    @property
    def broker_folder(self) -> Path:
        return self.data_dir / "broker"

    @property
    def broker_file(self) -> Path:
        """The embedded broker's one file, shared by every process of every service."""
        return self.broker_folder / "broker.db"

    def database_url_for(self, name: str) -> str:
        """The URL of one of the service's further databases (e.g. intake's key store):
        ``<SERVICE>_<NAME>_DATABASE_URL``, or a SQLite file of its own when embedded."""
        variable = f"{self.service.upper()}_{name.upper()}_DATABASE_URL"
        url = self.extra.get(variable, f"sqlite:///{self.data_dir / self.service}-{name}.db")
        if self.is_production and url.startswith("sqlite"):
            raise ConfigError(f"production refuses SQLite: set {variable}")
        return url


def from_env(service: str, environ: Mapping[str, str] | None = None) -> Settings:
    """Build the settings of ``service`` from ``environ`` (the process environment)."""
    env = os.environ if environ is None else environ
    prefix = service.upper()
    environment = env.get("VIDNOVA_ENV", "embedded")
    data_dir = _data_dir(env)
    settings = Settings(
        service=service,
        environment=environment,
        data_dir=data_dir,
        database_url=env.get(f"{prefix}_DATABASE_URL", f"sqlite:///{data_dir / service}.db"),
        amqp_url=env.get("AMQP_URL", EMBEDDED_BROKER_URL),
        broker_prefix=env.get("VIDNOVA_BROKER_PREFIX", "vidnova"),
        http_port=_number(env, f"{prefix}_HTTP_PORT", SERVICE_PORTS.get(service, 8000), int),
        jwt=jwt_from_env(env),
        max_delivery_attempts=_number(env, "VIDNOVA_MAX_DELIVERY_ATTEMPTS", 5, int),
        retry_base_delay=_number(env, "VIDNOVA_RETRY_BASE_DELAY", 1.0, float),
        retry_max_delay=_number(env, "VIDNOVA_RETRY_MAX_DELAY", 300.0, float),
        delivery_limit=_number(env, "VIDNOVA_DELIVERY_LIMIT", 20, int),
        relay_batch_size=_number(env, "VIDNOVA_RELAY_BATCH_SIZE", 200, int),
        relay_poll_interval=_number(env, "VIDNOVA_RELAY_POLL_INTERVAL", 0.02, float),
        consumer_prefetch=_number(env, "VIDNOVA_CONSUMER_PREFETCH", 50, int),
        embedded_max_message_bytes=_number(env, "VIDNOVA_EMBEDDED_MAX_MESSAGE_BYTES",
                                           Settings.embedded_max_message_bytes, int),
        embedded_lease_seconds=_number(env, "VIDNOVA_EMBEDDED_LEASE_SECONDS",
                                       Settings.embedded_lease_seconds, float),
        db_pool_size=_number(env, "VIDNOVA_DB_POOL_SIZE", 5, int),
        log_level=env.get("VIDNOVA_LOG_LEVEL", "INFO"),
        trusted_proxies=_networks(env, "VIDNOVA_TRUSTED_PROXIES"),
        sign_in_failure_limit=_number(env, "VIDNOVA_SIGN_IN_FAILURE_LIMIT", 10, int),
        sign_in_failure_window=_number(env, "VIDNOVA_SIGN_IN_FAILURE_WINDOW", 300.0, float),
        worker_metrics_port=_number(env, f"{prefix}_WORKER_METRICS_PORT",
                                    WORKER_METRICS_PORTS.get(service, 9100), int),
        worker_metrics_host=env.get("VIDNOVA_WORKER_METRICS_HOST", "127.0.0.1"),
        tracing_endpoint=env.get("OTEL_EXPORTER_OTLP_ENDPOINT") or None,
        extra={k: v for k, v in env.items() if k.startswith(f"{prefix}_") or k in SHARED_SECRETS},
    )
    validate(settings)
    return settings


def validate(settings: Settings) -> None:
    """Refuse configurations that must never run: unknown mode, or production on toys."""
    if settings.environment not in ENVIRONMENTS:
        raise ConfigError(f"VIDNOVA_ENV must be one of {', '.join(ENVIRONMENTS)}")
    if settings.sign_in_failure_limit < 1 or settings.sign_in_failure_window <= 0:
        raise ConfigError("VIDNOVA_SIGN_IN_FAILURE_LIMIT and _WINDOW must be positive")
    if settings.embedded_max_message_bytes < 1 or settings.embedded_lease_seconds <= 0:
        raise ConfigError("VIDNOVA_EMBEDDED_MAX_MESSAGE_BYTES and VIDNOVA_EMBEDDED_LEASE_SECONDS "
                          "must be positive")
    if not 0 <= settings.worker_metrics_port <= 65535:
        raise ConfigError(f"{settings.service.upper()}_WORKER_METRICS_PORT must be a port, or 0 (off)")
    if not settings.is_production:
        if not (settings.broker_is_amqp or settings.broker_is_embedded):
            raise ConfigError(f"AMQP_URL must be amqp://... (or several, separated by "
                              f"{AMQP_URL_SEPARATOR!r}) or {EMBEDDED_BROKER_URL} "
                              "(the embedded broker)")
        return
    if settings.service not in STATELESS:
        _refuse_embedded_storage(settings)
    if not (settings.jwt.secret or settings.jwt.jwks_url):
        raise ConfigError("production needs JWT_SECRET or JWT_JWKS_URL")


def _refuse_embedded_storage(settings: Settings) -> None:
    if settings.database_url.startswith("sqlite"):
        raise ConfigError(f"production refuses SQLite: set {settings.service.upper()}_DATABASE_URL")
    if not settings.broker_is_amqp:
        raise ConfigError("production refuses a non-AMQP broker: set AMQP_URL=amqp://...")


def jwt_from_env(environ: Mapping[str, str] | None = None) -> JwtSettings:
    """Token settings alone (what ``vidnova token`` needs, without any service's)."""
    env = os.environ if environ is None else environ
    jwks_url = env.get("JWT_JWKS_URL") or None
    secret = env.get("JWT_SECRET") or None
    if secret is None and jwks_url is None and env.get("VIDNOVA_ENV", "embedded") == "embedded":
        secret = _embedded_secret(_data_dir(env))
    return JwtSettings(
        algorithm=env.get("JWT_ALGORITHM", "RS256" if jwks_url else "HS256"),
        secret=secret,
        jwks_url=jwks_url,
        issuer=env.get("JWT_ISSUER", "vidnova"),
        audience=env.get("JWT_AUDIENCE") or None,
        max_lifetime=_max_lifetime(env),
    )


def own_setting(settings: Settings, name: str, default, kind: type = str):
    """One of the service's own variables (``<SERVICE>_...``), read as ``kind``: for a
    service's ``config.py``, where each of its defaults is written once."""
    if not name.startswith(f"{settings.service.upper()}_"):
        raise ValueError(f"{name} is not one of {settings.service}'s settings")
    raw = settings.extra.get(name)
    if raw is None or not raw.strip():
        return default
    return _number(settings.extra, name, default, kind) if kind is not str else raw.strip()


def _max_lifetime(env: Mapping[str, str]) -> timedelta:
    seconds = _number(env, "JWT_MAX_LIFETIME", DEFAULT_TOKEN_MAX_LIFETIME.total_seconds(), float)
    if seconds <= 0:
        raise ConfigError("JWT_MAX_LIFETIME must be a positive number of seconds")
    return timedelta(seconds=seconds)


def _networks(env: Mapping[str, str], name: str) -> tuple[Network, ...]:
    """Comma-separated addresses or CIDR networks (``10.0.0.0/8,127.0.0.1``)."""
    try:
        return tuple(ipaddress.ip_network(item.strip(), strict=False)
                     for item in env.get(name, "").split(",") if item.strip())
    except ValueError:
        raise ConfigError(f"{name} must list IP addresses or networks, e.g. 10.0.0.0/8") from None


def _data_dir(env: Mapping[str, str]) -> Path:
    return Path(env.get("VIDNOVA_DATA_DIR", "var")).resolve()


def _number(env: Mapping[str, str], name: str, default, kind: type):
    raw = env.get(name)
    if raw is None:
        return default
    try:
        return kind(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {raw!r}") from None


def _embedded_secret(data_dir: Path) -> str:
    """A per-installation signing secret, made on first use and kept beside the data.

    Nothing secret is committed: each embedded installation has its own.
    """
    return owner_only_files.kept(data_dir / "jwt-secret", lambda: secrets.token_urlsafe(48)).strip()
