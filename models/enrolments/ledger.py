"""The checks that need the database: the NIK not enrolled yet, and a sponsor scheme's
quota, budget, occupations and eligibility list as used on this device."""

from __future__ import annotations

from models.database import Database
from models.enrolments.inputs import CheckedEnrolment
from models.enrolments.reads import EnrolmentSummary, find_by_nik
from models.errors import WARNING, Problem
from models.reference import Scheme


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
        if s.quota is not None and self.used >= s.quota:
            problems.append(
                Problem(
                    "payer",
                    "scheme_quota_full",
                    {"scheme": s.name, "quota": s.quota, "used": self.used},
                )
            )
        amount = checked.contribution.total if checked.method else 0
        if s.budget is not None and self.spent + amount > s.budget:
            problems.append(
                Problem(
                    "payer",
                    "scheme_budget_short",
                    {"scheme": s.name, "remaining": s.budget - self.spent, "amount": amount},
                )
            )
        if s.eligibility_list_required:
            listed = self.db.execute(
                "SELECT full_name FROM eligibility WHERE scheme_code = ? AND nik = ?",
                [s.code, checked.nik.nik],
            ).fetchone()
            if listed is None:
                problems.append(Problem("nik", "scheme_not_eligible", {"scheme": s.name}))
            elif listed[0] and listed[0].casefold() != checked.full_name.casefold():
                # The list's name is there to cross-check; spellings differ, so only warn
                # (once: the form checks, then the save checks the same enrolment again).
                warning = Problem("full_name", "eligibility_name_mismatch", severity=WARNING)
                if warning not in checked.warnings:
                    checked.warnings.append(warning)
        return problems

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
            "member_number": existing.member_number or "-",
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
