"""The checks that need the database: the NIK not enrolled yet, and a sponsor scheme's
quota, budget, occupations and eligibility list as used on this device."""

from __future__ import annotations

from models.database import Database
from models.enrolments.inputs import CheckedEnrolment
from models.enrolments.reads import EnrolmentSummary, find_by_nik
from models.errors import ERROR, Problem
from models.member_numbers import member_reference
from models.reference import Scheme
from models.validation import check_scheme_list, check_scheme_room


class SchemeLedger:
    """What a sponsor scheme has used on this device: enrolments against its quota and
    rupiah against its budget. An import keeps one ledger for the whole file."""

    def __init__(self, db: Database, scheme: Scheme) -> None:
        self.db = db
        self.scheme = scheme
        self.used = int(
            db.execute(
                "SELECT COUNT(*) FROM enrolments WHERE payer_type = 'sponsor' AND scheme_code = ?",
                [scheme.code],
            ).fetchone()[0]
        )
        self.spent = int(
            db.execute(
                "SELECT COALESCE(SUM(amount), 0) FROM payments "
                "WHERE scheme_code = ? AND method = 'sponsor' AND voided_at IS NULL",
                [scheme.code],
            ).fetchone()[0]
        )

    def check(self, checked: CheckedEnrolment) -> list[Problem]:
        s = self.scheme
        problems = []
        if (
            s.eligible_occupations is not None
            and checked.occupation_code not in s.eligible_occupations
        ):
            problems.append(Problem("occupation_code", "scheme_occupation", {"scheme": s.name}))
        amount = checked.contribution.total if checked.method else 0
        problems += check_scheme_room(s, self.used, self.spent, amount)
        if s.eligibility_list_required:
            found = check_scheme_list(s, self.listed_name(checked.nik.nik), checked.full_name)
            problems += [p for p in found if p.severity == ERROR]
            # Warned once: the form checks, then the save checks the same enrolment again.
            warnings = [p for p in found if p.severity != ERROR and p not in checked.warnings]
            checked.warnings.extend(warnings)
        return problems

    def listed_name(self, nik: str) -> str | None:
        """The name the scheme's eligibility list gives this NIK ("" when it gives none);
        None when the NIK is not on the list."""
        listed = self.db.execute(
            "SELECT full_name FROM eligibility WHERE scheme_code = ? AND nik = ?",
            [self.scheme.code, nik],
        ).fetchone()
        return None if listed is None else str(listed[0] or "")

    def take(self, checked: CheckedEnrolment) -> None:
        self.used += 1
        if checked.method:
            self.spent += checked.contribution.total


def duplicate_problem(existing: EnrolmentSummary) -> Problem:
    return Problem(
        "nik",
        "nik_already_enrolled",
        {
            "enrolment_id": existing.id,
            "member_number": member_reference(existing.member_number, existing.id),
            "recorded_on": existing.recorded_at[:10],
        },
    )


def check_in_database(
    db: Database, checked: CheckedEnrolment, ledger: SchemeLedger | None
) -> list[Problem]:
    existing = find_by_nik(db, checked.nik.nik)
    problems = [duplicate_problem(existing)] if existing else []
    if ledger is not None:
        problems += ledger.check(checked)
    return problems
