"""Issue 15's drill, as real processes in production mode on PostgreSQL and RabbitMQ:
three clients register people while every connection to intake's databases is
terminated three times. No answer is a 500, everyone is registered once and heard of
once by each service, and intake's worker leaves no data key without its beneficiary."""

from __future__ import annotations

import pytest

from tests.support.fault_drill import run_drill

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


def test_terminated_connections_cost_no_500_no_loss_no_double_and_no_orphan_key(platform, tmp_path):
    report = run_drill(platform, tmp_path, people=60, clients=3, terminations=3)

    assert report.answers[500] == 0 and set(report.answers) <= {201, 409, 503}, report.answers
    assert all(report.terminated), report.terminated  # each round ended connections in use
    assert report.beneficiaries == report.people
    assert report.duplicates == 0
    assert (report.orphan_keys_left, report.keyless) == (0, 0)
    assert report.log_counts["unhandled error"] == 0
