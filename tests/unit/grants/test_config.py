"""Grants' settings: where documents go and how large they may be; bad values refuse to start."""

import pytest

from services.grants.config import GrantsConfig
from shared import config
from shared.config import ConfigError


def settings(tmp_path, **extra):
    return config.from_env("grants", {"VIDNOVA_DATA_DIR": str(tmp_path), **extra})


def test_documents_go_to_a_folder_in_the_data_dir_by_default(tmp_path):
    grants = GrantsConfig.from_settings(settings(tmp_path))

    assert grants.documents.location == str(tmp_path / "grants-documents")
    assert not grants.documents.is_s3
    assert grants.max_document_bytes == 10 * 1024 * 1024


def test_an_s3_location_names_its_bucket_and_keeps_its_secret_out_of_reprs(tmp_path):
    grants = GrantsConfig.from_settings(settings(
        tmp_path, GRANTS_DOCUMENTS="s3://vidnova-docs", GRANTS_S3_SECRET_ACCESS_KEY="s3cr3t"))

    assert grants.documents.is_s3 and grants.documents.bucket == "vidnova-docs"
    assert "s3cr3t" not in repr(grants)


@pytest.mark.parametrize("extra", [{"GRANTS_DOCUMENTS": "s3://"},
                                   {"GRANTS_DOCUMENT_MAX_BYTES": "0"},
                                   {"GRANTS_DOCUMENT_MAX_BYTES": "ten"}])
def test_a_bad_setting_refuses_to_start(tmp_path, extra):
    with pytest.raises(ConfigError):
        GrantsConfig.from_settings(settings(tmp_path, **extra))
