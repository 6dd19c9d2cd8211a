"""The portal's app on a temporary data dir with demo users and its migrated database (staff's
preferences), and fakes of the services' APIs standing in for the real clients (the same
methods, answers as the services give)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pytest

from services.portal.adapters import demo_users
from services.portal.app import create_app
from services.portal.bootstrap import Apis
from services.portal.pages import EXTENSION
from services.portal.service import PORTAL
from shared import config
from tests.support import migrated as migrated_once


@dataclass
class FakeApis:
    """Records calls; answers what a test put in ``answers`` (an exception is raised)."""

    answers: dict = field(default_factory=dict)
    calls: list = field(default_factory=list)

    def __getattr__(self, name):
        def call(*args, **kwargs):
            self.calls.append((name, args, kwargs))
            answer = self.answers.get(name)
            if isinstance(answer, Exception):
                raise answer
            return answer() if callable(answer) else answer
        return call


@pytest.fixture
def settings(tmp_path):
    return config.from_env("portal", {"VIDNOVA_DATA_DIR": str(tmp_path), "PORTAL_IDLE_TIMEOUT": "900"})


@pytest.fixture(scope="session")
def seeded(tmp_path_factory) -> tuple[bytes, dict[str, str]]:
    """The demo users seeded once (argon2 makes each hash slow on purpose): the file's
    bytes and the passwords printed."""
    path = tmp_path_factory.mktemp("demo-users") / "portal-demo-users.json"
    passwords = demo_users.seed(path)
    return path.read_bytes(), passwords


@pytest.fixture
def passwords(settings, seeded):
    """The seeded demo users' file in this test's data dir (owner-only, as seeded)."""
    kept, passwords = seeded
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(settings.data_dir / "portal-demo-users.json",
                         os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(kept)
    return dict(passwords)


@pytest.fixture
def fake():
    return FakeApis()


def migrated(settings) -> None:
    """The portal's database brought to head, as ``vidnova migrate`` does."""
    for folder, url in PORTAL.migration_targets(settings):
        migrated_once.upgrade(folder, url)


@pytest.fixture
def app(settings, passwords, fake):
    migrated(settings)
    app = create_app(settings, configure_logging=False)
    portal = app.extensions[EXTENSION]

    class Faked(type(portal)):
        def apis(self, token):
            self.tokens_seen.append(token())
            return Apis(fake, fake, fake, fake)

    faked = Faked(**vars(portal))
    object.__setattr__(faked, "tokens_seen", [])
    app.extensions[EXTENSION] = faked
    return app


def browser(app):
    """A browser of its own: a test client with its own cookies, speaking https (secure
    cookies travel over https only)."""
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    return client


@pytest.fixture
def client(app):
    return browser(app)


def csrf(client) -> str:
    with client.session_transaction() as session:
        session.setdefault("csrf", "token-for-tests")
        return session["csrf"]


def sign_in(client, passwords, user: str = "caseworker"):
    client.get("/sign-in")
    return client.post("/sign-in", data={"username": user, "password": passwords[user],
                                         "csrf_token": csrf(client), "next": "/"})
