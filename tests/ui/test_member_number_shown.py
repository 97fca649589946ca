"""The member number is shown one way on every screen (record view, list, duplicate banner,
payment dialog, cards to reprint): the final number as it is, or the provisional `P-…`
number marked "(sementara)", never "-" or "belum ada" in one place and a number in
another. Every person here is made up."""

from __future__ import annotations

import pytest

from models.enrolments import SavedEnrolment, enrol
from models.member_numbers import provisional_number
from tests.helpers import fixed_clock, person
from ui.models.participants_model import ParticipantsModel
from ui.screens.enrolment_form import EnrolmentForm
from ui.screens.pay_dialog import PayDialog
from ui.screens.record_view import RecordDialog

FINAL = "10000000001"


@pytest.fixture(params=["provisional", "final"])
def saved(request, db, ref, event, officer) -> SavedEnrolment:
    if request.param == "final":
        with db.atomic():
            db.execute(
                "INSERT INTO member_number_blocks VALUES (?, '10000000009', ?)", [FINAL, FINAL]
            )
    return enrol(db, ref, event.id, person(), officer, fixed_clock)


def shown(saved: SavedEnrolment) -> str:
    """What every screen says: one text, worked out here by hand."""
    if saved.member_number is None:
        return f"{provisional_number(saved.enrolment_id)} (sementara)"
    assert saved.member_number == FINAL
    return FINAL


def test_the_record_view_shows_it(qtbot, session, saved):
    dialog = RecordDialog(session, saved.enrolment_id)
    qtbot.addWidget(dialog)
    assert dialog.values["member_number"].text() == shown(saved)


def test_the_list_shows_it(db, ref, event, saved, qapp):
    from models.participants import ParticipantFilter

    model = ParticipantsModel(db, ref, "id")
    model.set_filter(ParticipantFilter(event_id=event.id))
    assert model.rowCount() == 1
    assert model.index(0, model.COLUMNS.index("member_number")).data() == shown(saved)


def test_the_duplicate_banner_shows_it(qtbot, session, tasks, saved):
    form = EnrolmentForm(session, tasks)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.nik, person().nik)
    assert form.banner.isVisible()
    assert f"nomor peserta {shown(saved)}," in form.banner.text()
    assert " -," not in form.banner.text()


def test_the_payment_dialog_shows_it(qtbot, session, saved):
    dialog = PayDialog(session, saved.enrolment_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert f"nomor peserta {shown(saved)} ·" in dialog.who.text()
    assert "belum ada" not in dialog.who.text()


def test_hqs_answers_write_the_number_the_same_way(qapp):
    from ui.sync_texts import advice

    said = advice("duplicate_person", None, member_number="10000000777")
    assert said.reason == "Pekerja ini sudah menjadi peserta dengan nomor 10000000777."
    said = advice("duplicate_person", None, member_number=None)  # HQ named none
    assert "nomor menyusul dari kantor pusat" in said.reason and "-" not in said.reason


def test_the_list_finds_a_member_by_the_number_it_shows(db, ref, event, saved, qapp):
    from models.participants import ParticipantFilter

    model = ParticipantsModel(db, ref, "id")
    typed = shown(saved)  # as read off the list or the card, "(sementara)" and all
    for text in (typed, typed.split(" ")[0].lower()):
        model.set_filter(ParticipantFilter(event_id=event.id, text=text))
        assert [model.enrolment_id(r) for r in range(model.rowCount())] == [saved.enrolment_id]
    model.set_filter(ParticipantFilter(event_id=event.id, text="P-00000000"))
    assert model.rowCount() == 0


def test_the_list_column_holds_the_number_whole(qtbot, session, tasks, saved):
    from ui.screens.participants import ParticipantsScreen

    screen = ParticipantsScreen(session, tasks)
    qtbot.addWidget(screen)
    column = screen.model.COLUMNS.index("member_number")
    needed = screen.table.fontMetrics().horizontalAdvance(shown(saved))
    assert screen.table.columnWidth(column) > needed  # not cut to "P-5697022A (s…"
