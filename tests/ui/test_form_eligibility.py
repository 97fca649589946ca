"""The enrolment form says who cannot be enrolled at this event as soon as the NIK and the
event tell it, before any other field is typed; a warning looks like a warning and is said
once. Made-up people only."""

from __future__ import annotations

from models.enrolments import find_by_nik
from models.officers import get_officer
from tests.helpers import fixed_clock, sponsored_event
from tests.services.test_form_eligibility import GIRL, OLD_MAN, OUTSIDE, WOMAN, with_scheme
from tests.ui.test_enrolment_form import make_form, type_into
from ui.session import Session
from ui.widgets.form_rows import ERROR_STYLE

NOT_HERE = "Tidak bisa didaftarkan di acara ini"


def session_with(db, ref, data_dir, officer, event) -> Session:
    """A signed-in officer at `event`, with `ref` as the reference data."""
    s = Session(db, ref, data_dir, "id", fixed_clock)
    signed_in = get_officer(db, officer)
    assert signed_in is not None
    s.sign_in(signed_in)
    s.set_event(event)
    return s


def nothing_else_typed(form) -> bool:
    return not any(
        w.text() for w in (form.full_name, form.birth_place, form.mother, form.phone, form.income)
    )


def test_a_person_too_old_is_told_at_the_nik_before_anything_else(qtbot, session, tasks, db):
    form = make_form(qtbot, session, tasks)
    type_into(qtbot, form.nik, OLD_MAN)
    line = form.errors["nik"]
    assert line.isVisible() and nothing_else_typed(form)
    assert line.text() == f"{NOT_HERE}: Peserta harus berumur di bawah 65 tahun."
    assert line.property("severity") == "error"
    assert not form.errors["birth_date"].isVisible()  # said once, where the officer looks
    # Save still refuses it, and puts the cursor on the NIK.
    fill_valid_others(qtbot, form)
    form.save()
    assert find_by_nik(db, OLD_MAN) is None
    assert form.focusWidget() is form.nik
    assert line.text().count("di bawah 65 tahun") == 1
    # Another person starts: the message goes with the old NIK.
    form.nik.selectAll()
    type_into(qtbot, form.nik, "3")
    assert NOT_HERE not in line.text()


def fill_valid_others(qtbot, form) -> None:
    type_into(qtbot, form.full_name, "Sutarno")
    type_into(qtbot, form.birth_place, "Madiun")
    type_into(qtbot, form.mother, "Painem")
    type_into(qtbot, form.occupation, "K002")
    type_into(qtbot, form.income, "1000000")
    type_into(qtbot, form.heir_rows[0].name, "Sumini")
    row = form.heir_rows[0]
    row.relationship.setCurrentIndex(row.relationship.findData("spouse"))
    row.relationship.activated.emit(row.relationship.currentIndex())
    form.consent.setChecked(True)


def test_a_person_too_young_is_told_at_once(qtbot, session, tasks):
    form = make_form(qtbot, session, tasks)
    type_into(qtbot, form.nik, GIRL)
    assert form.errors["nik"].isVisible() and nothing_else_typed(form)
    assert form.errors["nik"].text() == (
        f"{NOT_HERE}: Peserta harus berumur paling sedikit 15 tahun."
    )


def test_a_scheme_that_does_not_list_the_nik_says_so_at_once(qtbot, session, tasks, db, ref):
    siaga = sponsored_event(db, ref, session.officer.id, "SIAGA-KITA-MADIUN", name="Siaga")
    session.set_event(siaga)
    form = make_form(qtbot, session, tasks)
    type_into(qtbot, form.nik, WOMAN)
    assert nothing_else_typed(form)
    assert form.errors["nik"].text() == (
        f"{NOT_HERE}: NIK ini tidak ada di daftar penerima skema Siaga Kita Kota Madiun "
        "(misalnya DTSEN). Daftarkan sebagai bayar sendiri atau minta daftar terbaru."
    )
    # Paying for herself instead: the scheme's list no longer matters.
    form.payer.setCurrentIndex(form.payer.findData(("self", "cash")))
    form.payer.activated.emit(form.payer.currentIndex())
    assert not form.errors["nik"].isVisible()


def test_a_list_imported_meanwhile_counts_at_once(qtbot, session, tasks, db, ref):
    siaga = sponsored_event(db, ref, session.officer.id, "SIAGA-KITA-MADIUN", name="Siaga")
    session.set_event(siaga)
    form = make_form(qtbot, session, tasks)
    type_into(qtbot, form.nik, WOMAN)
    assert NOT_HERE in form.errors["nik"].text()
    with db.atomic():  # the scheme's latest list, imported from the import screen
        db.execute(
            "INSERT INTO eligibility VALUES ('SIAGA-KITA-MADIUN', ?, 'Sri Wahyuni', "
            "'2026-11-01', ?)",
            [WOMAN, session.officer.id],
        )
    session.records_saved()  # what the import screen announces
    assert not form.errors["nik"].isVisible()


def test_a_full_quota_is_told_at_once(qtbot, tasks, db, ref, data_dir, officer):
    full = with_scheme(ref, "KOWANTARA-WARTEG", quota=0)
    s = session_with(db, full, data_dir, officer, sponsored_event(db, full, officer))
    form = make_form(qtbot, s, tasks)
    type_into(qtbot, form.nik, WOMAN)
    assert form.errors["nik"].text() == (
        f"{NOT_HERE}: Kuota skema Kowantara Warteg Terlindungi sudah penuh: 0 dari 0 "
        "terpakai, sisa 0."
    )
    assert not form.errors["payer"].isVisible()  # once, on the NIK's line


def test_changing_the_event_checks_the_nik_again(qtbot, session, tasks, db, ref, event):
    form = make_form(qtbot, session, tasks)
    type_into(qtbot, form.nik, WOMAN)
    assert not form.errors["nik"].isVisible()  # self-paid: she may be enrolled
    siaga = sponsored_event(db, ref, session.officer.id, "SIAGA-KITA-MADIUN", name="Siaga")
    session.set_event(siaga)
    assert form.nik.text() == WOMAN
    assert form.errors["nik"].isVisible() and "Siaga Kita" in form.errors["nik"].text()
    session.set_event(event)
    assert not form.errors["nik"].isVisible()


def test_a_warning_looks_like_one_and_is_said_once(qtbot, tasks, db, ref, data_dir, officer):
    open_list = with_scheme(ref, "SIAGA-KITA-MADIUN", eligibility_list_required=False)
    siaga = sponsored_event(db, open_list, officer, "SIAGA-KITA-MADIUN", name="Siaga")
    s = session_with(db, open_list, data_dir, officer, siaga)
    form = make_form(qtbot, s, tasks)
    type_into(qtbot, form.nik, OUTSIDE)  # issued in the regency, not the city the scheme pays
    line = form.errors["nik"]
    assert line.isVisible()
    assert line.text().startswith("Perhatian: NIK ini diterbitkan di luar wilayah skema")
    assert line.property("severity") == "warning"
    assert line.styleSheet() != ERROR_STYLE
    fill_valid_others(qtbot, form)
    form.consent.setChecked(False)  # the one thing left: the form cannot save yet
    for _ in range(3):
        form.save()
        assert line.text().count("di luar wilayah skema") == 1
        assert "di luar wilayah" not in form.banner.text()
    assert form.errors["consent"].property("severity") == "error"
    assert form.errors["consent"].styleSheet() == ERROR_STYLE
    form.consent.setChecked(True)  # a whole form: its warnings were once listed twice
    assert line.text().count("di luar wilayah skema") == 1
    assert line.property("severity") == "warning"


def test_a_field_with_an_error_and_a_warning_shows_both_apart(
    qtbot, tasks, db, ref, data_dir, officer
):
    # Quota full and the NIK from outside the scheme's area: the error first, then the warning.
    both = with_scheme(ref, "SIAGA-KITA-MADIUN", eligibility_list_required=False, quota=0)
    siaga = sponsored_event(db, both, officer, "SIAGA-KITA-MADIUN", name="Siaga")
    s = session_with(db, both, data_dir, officer, siaga)
    form = make_form(qtbot, s, tasks)
    type_into(qtbot, form.nik, OUTSIDE)
    line = form.errors["nik"]
    assert line.property("severity") == "error"
    shown = line.text()
    assert shown.count("Kuota skema") == 1 and shown.count("Perhatian:") == 1
    assert shown.index("Kuota skema") < shown.index("Perhatian:")


def test_a_new_nik_after_a_refused_save_fills_in_from_itself(qtbot, session, tasks):
    form = make_form(qtbot, session, tasks)
    type_into(qtbot, form.nik, OLD_MAN)
    form.save()  # refused: too old, and nothing else typed
    assert form.errors["full_name"].isVisible()
    form.nik.selectAll()
    type_into(qtbot, form.nik, WOMAN)  # the next person, typed over the last one's NIK
    assert not form.errors["full_name"].isVisible()  # the last try's messages went
    assert form.birth_date.text() == "17-08-1990"  # hers, not the last person's
    assert form.gender.currentData() == "P"
    assert not form.errors["nik"].isVisible() and not form.errors["birth_date"].isVisible()
