"""What an enrolment is on its way in: the officer's input (`EnrolmentInput`, not yet
checked), the checked enrolment ready to be written, and what a save gave back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from models.errors import Problem
from models.events import Event
from models.nik import NikInfo
from models.rates import Contribution
from models.reference import Scheme

if TYPE_CHECKING:
    from models.enrolments.record import PreparedEnrolment


@dataclass
class HeirInput:
    name: str = ""
    relationship: str = ""
    nik: str = ""
    phone: str = ""


@dataclass
class EnrolmentInput:
    """What the officer typed (or a row of a partner's list), not yet checked."""

    nik: str = ""
    full_name: str = ""
    birth_place: str = ""
    birth_date: date | None = None
    gender: str = ""
    mother_maiden_name: str = ""
    phone: str = ""
    street: str = ""
    rt: str = ""
    rw: str = ""
    village_code: str = ""
    occupation_code: str = ""
    declared_income: int | None = None
    programmes: list[str] | None = None  # None: the event's default
    months: int | None = None  # None: the event's default
    payer: str = ""  # self | sponsor; empty: the event's scheme if it has one
    method: str = "cash"  # for a worker paying: cash | transfer
    pay: bool = True  # take the first contribution now
    heirs: list[HeirInput] = field(default_factory=list)
    consent: bool = False
    consent_at: datetime | None = None
    # The supervisor who saw the KTP when its birth date differs from the NIK's digits.
    birth_date_approved_by: str | None = None
    source: str = "desk"  # desk | import: a partner's list has no KTP to look at


@dataclass
class CheckedEnrolment:
    """A validated enrolment, ready to be written."""

    event: Event
    nik: NikInfo
    full_name: str
    birth_place: str
    gender: str
    mother_maiden_name: str
    phone: str | None
    street: str
    rt: str
    rw: str
    village_code: str | None
    occupation_code: str
    declared_income: int
    programmes: list[str]
    months: int
    payer_type: str
    scheme: Scheme | None
    method: str | None  # None: no payment now
    heirs: list[dict[str, Any]]
    contribution: Contribution
    consent_at: datetime | None
    warnings: list[Problem]
    birth_date: date | None = None  # as printed on the KTP; None: the NIK's
    birth_date_approved_by: str | None = None  # set when the KTP's date differs from the NIK
    checked_on: date | None = None  # the day `validate` checked it for (ages, rates)
    # Its rows and payloads, once made (`models.enrolments.record.prepare`): a checked
    # enrolment is not changed after `validate` made it (its warnings excepted), and a copy
    # (`dataclasses.replace`) starts without them.
    prepared: PreparedEnrolment | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def ktp_birth_date(self) -> date:
        """The birth date stored and sent: the KTP's (it may differ from the NIK's digits)."""
        return self.birth_date or self.nik.birth_date

    @property
    def birth_date_differs_from_nik(self) -> bool:
        return self.ktp_birth_date != self.nik.birth_date


@dataclass(frozen=True)
class SavedEnrolment:
    enrolment_id: str
    payment_id: str | None
    receipt_number: str | None
    member_number: str | None
    amount: int
    warnings: tuple[Problem, ...]
    sponsored: bool = False  # a sponsor pays: the paper is a registration slip, not a kwitansi
