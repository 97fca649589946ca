"""Enrolments: the officer's input checked against the NIK, the rates and the event's scheme,
and saved with its heirs, first payment, queue rows and audit trail in one transaction.

Where each part lives:
- `inputs`: what comes in (`EnrolmentInput`, `HeirInput`) and what a check and a save give back;
- `checks`: `validate`, every check that needs no database;
- `pricing`: the one price of an enrolment, for `validate` and for the form as it is typed,
  and `price_months`, any later payment priced month by month;
- `ledger`: the checks that need the database (NIK enrolled already, a scheme's quota/budget);
- `numbering`: member numbers from HQ's blocks, receipt numbers;
- `name_index`: the trigram index the name search reads;
- `writing`: `write_enrolments`, the one write path, and `enrol`;
- `reads`: one record, lists, payments;
- `voids`: voiding a payment.

The names below are the package's public ones; import them from `models.enrolments`."""

from models.enrolments.checks import approver_problems as approver_problems
from models.enrolments.checks import birth_date_approval as birth_date_approval
from models.enrolments.checks import check_heirs as check_heirs
from models.enrolments.checks import ktp_birth_date_rule as ktp_birth_date_rule
from models.enrolments.checks import validate as validate
from models.enrolments.inputs import CheckedEnrolment as CheckedEnrolment
from models.enrolments.inputs import EnrolmentInput as EnrolmentInput
from models.enrolments.inputs import HeirInput as HeirInput
from models.enrolments.inputs import SavedEnrolment as SavedEnrolment
from models.enrolments.ledger import SchemeLedger as SchemeLedger
from models.enrolments.ledger import check_in_database as check_in_database
from models.enrolments.ledger import duplicate_problem as duplicate_problem
from models.enrolments.name_index import NAME_MATCH_ROWIDS as NAME_MATCH_ROWIDS
from models.enrolments.name_index import NAMES_BATCH as NAMES_BATCH
from models.enrolments.name_index import index_new_names as index_new_names
from models.enrolments.numbering import member_numbers_left as member_numbers_left
from models.enrolments.numbering import receipt_number as receipt_number
from models.enrolments.pricing import amount_line as amount_line
from models.enrolments.pricing import contribution_for as contribution_for
from models.enrolments.pricing import contribution_so_far as contribution_so_far
from models.enrolments.pricing import price_months as price_months
from models.enrolments.reads import EnrolmentRecord as EnrolmentRecord
from models.enrolments.reads import EnrolmentSummary as EnrolmentSummary
from models.enrolments.reads import HeirRecord as HeirRecord
from models.enrolments.reads import PaymentRecord as PaymentRecord
from models.enrolments.reads import find_by_nik as find_by_nik
from models.enrolments.reads import get_enrolment as get_enrolment
from models.enrolments.reads import list_enrolments as list_enrolments
from models.enrolments.reads import payments_for as payments_for
from models.enrolments.voids import void_payment as void_payment
from models.enrolments.writing import enrol as enrol
from models.enrolments.writing import write_enrolments as write_enrolments
