"""The tests' nginx support: it renders the repository's template as the image does, and
a machine without nginx skips the front's tests, except under CI, where they fail."""

import os
import shutil

import pytest

from tests.support import nginx


@pytest.fixture
def no_nginx(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(os, "access", lambda path, mode: False)


def test_without_nginx_the_front_tests_fail_under_ci(no_nginx, monkeypatch):
    monkeypatch.setenv("CI", "true")

    with pytest.raises(pytest.fail.Exception, match="nginx is not installed"):
        nginx.nginx_binary()


def test_without_nginx_the_front_tests_are_skipped_on_a_developers_machine(no_nginx, monkeypatch):
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception):
        nginx.nginx_binary()


def test_the_template_is_rendered_with_every_variable_filled_in():
    values = {name: f"value-of-{name}" for name in nginx.template_variables()}

    rendered = nginx.render(values)

    assert "${" not in rendered
    assert all(value in rendered for value in values.values())
    assert "$binary_remote_addr" in rendered  # nginx's own variables are left alone


def test_a_template_variable_without_a_value_is_refused():
    with pytest.raises(ValueError, match="FRONT_"):
        nginx.render({})
