"""Documents: type sniffed from the bytes, size capped, bytes kept outside the database."""

from __future__ import annotations

import io

import pytest

from tests.support.grants import PDF, PNG

CARA = {"user": "cara"}


def upload(api, headers, plan_id, content: bytes, kind="quote", name="quote.pdf"):
    return api.post(f"/applications/{plan_id}/documents", headers=headers,
                    data={"kind": kind, "file": (io.BytesIO(content), name)},
                    content_type="multipart/form-data")


def test_a_quote_is_kept_in_the_store_and_described_in_the_plan(api, as_role, draft, grants_settings):
    plan = draft()
    response = upload(api, as_role("caseworker", **CARA), plan["id"], PDF)

    assert response.status_code == 201
    document = response.get_json()
    assert document["media_type"] == "application/pdf" and document["size"] == len(PDF)
    stored = list((grants_settings.data_dir / "grants-documents").rglob("*"))
    assert any(path.is_file() and path.read_bytes() == PDF for path in stored)
    shown = api.get(f"/applications/{plan['id']}", headers=as_role("grant_officer")).get_json()
    assert [d["id"] for d in shown["documents"]] == [document["id"]]


def test_the_document_reads_back_as_uploaded(api, as_role, draft):
    plan = draft()
    document = upload(api, as_role("caseworker", **CARA), plan["id"], PNG, kind="photo",
                      name="oven.jpg").get_json()

    back = api.get(f"/applications/{plan['id']}/documents/{document['id']}",
                   headers=as_role("grant_officer"))

    assert back.data == PNG
    assert back.mimetype == "image/png"  # from the bytes, not the name


def test_a_script_named_like_a_pdf_is_refused(api, as_role, draft):
    response = upload(api, as_role("caseworker", **CARA), draft()["id"], b"#!/bin/sh\nrm -rf /\n")

    assert response.status_code == 415


def test_a_file_over_the_cap_is_refused(api, as_role, draft, grants_runtime):
    cap = grants_runtime.config.max_document_bytes
    response = upload(api, as_role("caseworker", **CARA), draft()["id"], PDF + b"0" * cap)

    assert response.status_code == 413


def test_no_file_name_is_kept(api, as_role, draft, grants_settings):
    plan = draft()
    upload(api, as_role("caseworker", **CARA), plan["id"], PDF, name="Olena_Koval_passport.pdf")

    shown = api.get(f"/applications/{plan['id']}", headers=as_role("grant_officer")).get_json()

    assert "Olena" not in str(shown)
    assert not any("Olena" in str(p) for p in grants_settings.data_dir.rglob("*"))


@pytest.mark.parametrize("role", ["grant_officer", "me_officer"])
def test_only_the_drafting_caseworker_adds_documents(api, as_role, draft, role):
    assert upload(api, as_role(role), draft()["id"], PDF).status_code == 403
