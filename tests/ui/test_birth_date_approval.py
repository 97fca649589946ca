"""The enrolment form with a KTP birth date unlike the NIK's digits: saving asks a
supervisor, who sees the KTP and approves once; the record keeps the KTP's date."""

from __future__ import annotations

from models.enrolments import find_by_nik, get_enrolment
from tests.ui.test_enrolment_form import fill_valid, make_form


def test_the_supervisor_approves_and_the_form_saves(qtbot, session, tasks, db, supervisor):
    form = make_form(qtbot, session, tasks)
    fill_valid(qtbot, form)
    form.birth_date.clear()
    qtbot.keyClicks(form.birth_date, "19-08-1990")  # the KTP's date
    assert "supervisor" in form.errors["birth_date"].text()
    form.save()
    dialog = form.approval_dialog
    assert dialog.isVisible() and find_by_nik(db, "3577015708900001") is None
    dialog.passphrase.setText("salah-sekali-1")
    dialog.confirm()
    assert dialog.isVisible() and find_by_nik(db, "3577015708900001") is None
    dialog.passphrase.setText("kopi-tubruk-88")
    with qtbot.waitSignal(form.saved) as saved:
        dialog.confirm()
    record = get_enrolment(db, saved.args[0].enrolment_id)
    assert record is not None and record.birth_date == "1990-08-19"
    assert db.execute(
        "SELECT officer_id FROM audit WHERE action = 'approve' AND record_id = ?",
        [record.id],
    ).fetchall() == [(supervisor,)]


def test_the_amount_line_shows_under_the_price(qtbot, session, tasks):
    form = make_form(qtbot, session, tasks)
    fill_valid(qtbot, form)
    # 22 November 2026, 1 month, trade: relieved (PP 50/2025).
    assert form.amount_line.text() == "1 bulan: Rp10.900 × 1 (keringanan PP 50/2025) = Rp10.900"


def test_a_sponsored_save_says_registration_slip_not_kwitansi(qtbot, session, tasks, db, ref):
    from tests.helpers import fixed_clock, sponsored_event

    event = sponsored_event(db, ref, session.officer.id, clock=fixed_clock)  # Kowantara pays
    session.set_event(event)
    form = make_form(qtbot, session, tasks)
    fill_valid(qtbot, form)
    form.occupation.setText("")
    qtbot.keyClicks(form.occupation, "K006")  # a warteg worker, as the scheme requires
    form._edited("occupation_code")
    with qtbot.waitSignal(form.saved) as saved:
        form.save()
    assert saved.args[0].sponsored
    assert "Bukti pendaftaran" in form.result.text() and "Kwitansi" not in form.result.text()
    assert form.receipt_button.text() == "Cetak bukti pendaftaran (Ctrl+P)"
