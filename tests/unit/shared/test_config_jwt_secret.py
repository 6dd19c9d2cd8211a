"""The embedded JWT secret: made once per installation, kept private, never a constant."""

import os
import pathlib
import stat

from shared import config


def embedded_jwt(data_dir) -> config.JwtSettings:
    return config.from_env("intake", {"VIDNOVA_DATA_DIR": str(data_dir)}).jwt


def test_embedded_secret_is_generated_into_the_data_dir(tmp_path):
    secret = embedded_jwt(tmp_path).secret

    assert (tmp_path / "jwt-secret").read_text().strip() == secret
    assert len(secret) >= 32


def test_embedded_secret_is_reused_on_the_next_start(tmp_path):
    assert embedded_jwt(tmp_path).secret == embedded_jwt(tmp_path).secret


def test_embedded_secret_is_shared_by_the_services_of_one_installation(tmp_path):
    other = config.from_env("grants", {"VIDNOVA_DATA_DIR": str(tmp_path)}).jwt

    assert other.secret == embedded_jwt(tmp_path).secret


def test_embedded_secret_file_is_readable_by_its_owner_only(tmp_path):
    embedded_jwt(tmp_path)

    assert stat.S_IMODE((tmp_path / "jwt-secret").stat().st_mode) == 0o600


def test_embedded_secret_is_never_a_constant(tmp_path):
    assert embedded_jwt(tmp_path / "one").secret != embedded_jwt(tmp_path / "two").secret


def test_making_the_embedded_secret_leaves_no_temporary_file(tmp_path):
    embedded_jwt(tmp_path)

    assert [p.name for p in tmp_path.iterdir()] == ["jwt-secret"]


def test_a_configured_secret_wins_and_no_file_is_made(tmp_path):
    jwt = config.from_env("intake", {"VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": "given"}).jwt

    assert jwt.secret == "given"
    assert jwt.algorithm == "HS256"
    assert not (tmp_path / "jwt-secret").exists()


def test_the_secret_is_never_on_disk_readable_by_others(monkeypatch, tmp_path):
    modes = []
    write_text = pathlib.Path.write_text

    def noting_mode(path, *args, **kwargs):
        written = write_text(path, *args, **kwargs)
        modes.append(stat.S_IMODE(path.stat().st_mode))
        return written

    monkeypatch.setattr(pathlib.Path, "write_text", noting_mode)
    previous = os.umask(0o022)
    try:
        embedded_jwt(tmp_path)
    finally:
        os.umask(previous)

    assert all(mode & 0o077 == 0 for mode in modes)
