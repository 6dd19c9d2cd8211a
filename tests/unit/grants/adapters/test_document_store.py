"""Documents' bytes go to S3-compatible object storage in production: tested against moto's
S3 server on the loopback, through boto3 as in production, and through the API."""

from __future__ import annotations

import io
import socket

import boto3
import pytest
from moto.server import ThreadedMotoServer

from services.grants.adapters.document_store import FolderStore, S3Store, document_store
from services.grants.config import DocumentStorage
from shared import config, migrations
from tests.support.fixtures import TEST_SECRET
from tests.support.grants import PDF, application_body, programme_body

BUCKET = "vidnova-grants-documents"
KEYS = {"access_key_id": "testing", "secret_access_key": "testing"}


@pytest.fixture(scope="module")
def s3_endpoint():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                 aws_access_key_id="testing", aws_secret_access_key="testing"
                 ).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


def test_an_s3_location_makes_an_s3_store_and_a_path_a_folder(tmp_path):
    assert isinstance(document_store(DocumentStorage(f"s3://{BUCKET}")), S3Store)
    assert isinstance(document_store(DocumentStorage(str(tmp_path))), FolderStore)


def test_bytes_put_in_the_bucket_read_back_the_same(s3_endpoint):
    store = S3Store(DocumentStorage(f"s3://{BUCKET}", endpoint_url=s3_endpoint, **KEYS))

    store.put("documents/a", PDF, "application/pdf")

    assert store.get("documents/a") == PDF
    head = store.client.head_object(Bucket=BUCKET, Key="documents/a")
    assert head["ContentType"] == "application/pdf"
    assert head["ServerSideEncryption"] == "AES256"


def test_an_uploaded_quote_lands_in_the_bucket_not_on_disk(s3_endpoint, tmp_path):
    from services.grants.app import create_app
    from services.grants.service import SERVICE
    from shared import tokens

    settings = config.from_env("grants", {
        "VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": TEST_SECRET,
        "GRANTS_DOCUMENTS": f"s3://{BUCKET}", "GRANTS_S3_ENDPOINT_URL": s3_endpoint,
        "GRANTS_S3_ACCESS_KEY_ID": "testing", "GRANTS_S3_SECRET_ACCESS_KEY": "testing"})
    migrations.upgrade(SERVICE.migrations_dir, settings.database_url)
    api = create_app(settings, configure_logging=False).test_client()
    def auth(role):
        return {"Authorization": "Bearer " + tokens.issue(settings.jwt, "cara", [role])}
    programme = api.post("/programmes", json=programme_body(), headers=auth("grant_officer")).get_json()
    plan = api.post("/applications", json=application_body(programme["id"], "0b5f5a3e-6c1e-4c8e-"
                    "9f43-2d0c1f6f9a11"), headers=auth("caseworker")).get_json()

    response = api.post(f"/applications/{plan['id']}/documents", headers=auth("caseworker"),
                        data={"kind": "quote", "file": (io.BytesIO(PDF), "q.pdf")},
                        content_type="multipart/form-data")

    assert response.status_code == 201
    document_id = response.get_json()["id"]
    bucket = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")
    assert bucket.get_object(Bucket=BUCKET, Key=f"documents/{document_id}")["Body"].read() == PDF
    assert not (tmp_path / "grants-documents").exists()
