"""One programme's day in the portal, in Chromium at phone width: a caseworker registers
and enrols someone, a trainer marks attendance, records completion and downloads the
certificate (a PDF), one grant officer scores the plan and another approves it, a finance
officer releases the first tranche (clicking twice) and confirms the bank's payment, and
the M&E officer sees the budget's figures move, then narrows them to one oblast. Every
page passes axe-core and loads nothing from another host.

One journey, one test: each step needs the one before. It runs several minutes on a
shared two-CPU machine (the platform's eleven processes start first), so its time-out is
raised above the suite's; nothing in it is timed."""

from __future__ import annotations

import re

import pytest

from tests.e2e.browser.conftest import SCREENSHOTS
from tests.e2e.browser.staff import Api, plan_body, set_up_programme, set_up_training, sign_in
from tests.support.waiting import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]
PDF_MAGIC = b"%PDF-"


def figure(page, name: str) -> str:
    return page.locator(f"[data-figure={name}]").first.inner_text().strip()


def test_staff_carry_a_beneficiary_from_registration_to_a_paid_tranche(platform, browser, axe_source):
    api = Api(platform)
    cohort = set_up_training(api, trainer="trainer")
    programme = set_up_programme(api)
    assert "portal" in platform["printed"].splitlines()[1]  # the portal's URL is printed first

    me = sign_in(browser, platform, axe_source, "me-officer")
    before = me.visit("/reports", "reports-before")
    committed, disbursed, total = (figure(before, name) for name in ("committed", "disbursed", "total"))

    # Caseworker: registration (intake's message beside the field first), record, enrolment.
    case = sign_in(browser, platform, axe_source, "caseworker")
    page = case.visit("/beneficiaries/new", "register")
    page.fill("#person-first_name", "Olena")
    page.fill("#person-second_name", "Koval")
    page.fill("#person-birthdate", "1994-05-02")
    page.select_option("#person-gender", "Feminine")
    page.fill("#person-mobile_phone", "not a phone")
    page.fill("#person-mailing_address-state", "UA-46")
    page.check("input[name=consent][value=sms]")
    page.click("main form button[type=submit]")
    case.checked("register-refused")
    assert page.locator("#person-mobile_phone-error").is_visible()
    assert page.locator("#person-mobile_phone").get_attribute("aria-invalid") == "true"
    page.fill("#person-mobile_phone", "067 123 4567")
    page.click("main form button[type=submit]")
    case.checked("registered")
    beneficiary_id = re.search(r"/beneficiaries/([0-9a-f-]{36})$", page.url)[1]
    page.fill("#reason", "first follow-up call")
    page.click("main form button[type=submit]")
    case.checked("record")
    assert "Olena Koval" in page.inner_text("main")
    eventually(lambda: api.call("GET", "training", f"/beneficiaries/{beneficiary_id}", "setup",
                                "admin").status_code == 200, timeout=60, what="training knows her")
    page.select_option("#cohort_id", cohort["id"])
    page.click("form[action$='/enrolments'] button")
    case.checked("enrolled")
    assert "Enrolled." in page.inner_text("main")
    api.ok("PATCH", "training", f"/cohorts/{cohort['id']}", "setup", "admin", {"status": "running"})

    # Trainer: the cohort, the whole session's attendance on one screen, completion.
    trainer = sign_in(browser, platform, axe_source, "trainer")
    page = trainer.visit("/cohorts", "cohorts")
    page.click("main table a")
    trainer.checked("cohort")
    page.click("main a[href*='/attendance']")
    trainer.checked("attendance")
    page.check("input[type=radio][value=present]")
    page.click("main form button[type=submit]")
    trainer.checked("attendance-saved")
    page.click("main form button[type=submit] >> text=Record completion")
    trainer.checked("completed")
    assert "Certificate code" in page.inner_text("main")
    certificate = page.locator("main a[href$='/certificate.pdf']")
    assert certificate.count() == 1
    # Fetched with the trainer's browser session (its cookies), as the link's click would.
    download = page.context.request.get(trainer.base + certificate.get_attribute("href"))
    assert download.ok and download.headers["content-type"] == "application/pdf"
    assert download.body().startswith(PDF_MAGIC)
    (SCREENSHOTS / "trainer-certificate.pdf").write_bytes(download.body())

    # The caseworker's plan, submitted once grants has heard of the completion.
    application = api.ok("POST", "grants", "/applications", "caseworker", "caseworker",
                         plan_body(programme["id"], beneficiary_id))
    eventually(lambda: api.call("POST", "grants", f"/applications/{application['id']}/submission",
                                "caseworker", "caseworker").status_code == 200,
               timeout=60, what="the plan submitted")

    # Grant officers: one scores, the other sees the four-eyes rules met and approves.
    scorer = sign_in(browser, platform, axe_source, "grant-officer-2")
    page = scorer.visit("/applications", "queue")
    page.click("main table a")
    scorer.checked("plan")
    page.fill("#score-viability", "8")
    page.check("input[name=no_conflict_of_interest]")
    page.click("text=Record my scores")
    scorer.checked("scored")
    officer = sign_in(browser, platform, axe_source, "grant-officer")
    page = officer.visit(f"/applications/{application['id']}", "decision")
    rules = page.inner_text("ul.rules")
    assert "not met" not in rules
    page.check("input[name=outcome][value=approve]")
    page.fill("#reason", "Viable plan, fully costed")
    page.click("text=Record the decision")
    officer.checked("approved")
    assert "committed" in page.inner_text("main")

    # Finance: the first tranche's conditions, release after confirmation (twice clicked:
    # paid once), the bank's reference.
    finance = sign_in(browser, platform, axe_source, "finance-officer")
    page = finance.visit("/payments", "payments")
    page.click("main a.button")
    finance.checked("release")
    page.dblclick("main form button.danger")
    page.wait_for_url(finance.base + "/payments")
    finance.checked("released")
    grant = api.ok("GET", "grants", "/grants", "setup", "admin")[0]
    assert [t["status"] for t in grant["tranches"]] == ["released", "pending"]
    page.fill("input[name=bank_reference]", "PB-2027-000123")
    page.click("text=Confirm the payment")
    finance.checked("paid")

    after = me.visit("/reports", "reports-after")
    assert figure(after, "committed") != committed
    assert figure(after, "disbursed") != disbursed
    # One oblast: the services count within it (one person, one grant: both suppressed).
    after.select_option("#oblast", "UA-46")
    after.click("form.filters button[type=submit]")
    me.checked("reports-oblast")
    assert "oblast=UA-46" in after.url and after.locator("#oblast").input_value() == "UA-46"
    assert figure(after, "registered") == figure(after, "grants") == "suppressed"
    # Its budget: one grant there, so what it committed and disbursed is withheld too.
    assert figure(after, "committed") == figure(after, "disbursed") == "suppressed"
    assert figure(after, "total") == total  # the whole envelope's
    assert "oblast=UA-46" in after.locator("a[href*='budget.csv']").get_attribute("href")
    assert "oblast=UA-46" in after.locator("a[href*='training.csv']").get_attribute("href")
    for staff in (me, case, trainer, scorer, officer, finance):
        assert staff.hosts == {staff.base.removeprefix("http://")}, staff.hosts
