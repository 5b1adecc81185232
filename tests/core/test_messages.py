"""The bilingual message mechanism: the language pick, refusals, issues and their catalogues."""

from __future__ import annotations

import pytest
from django.utils import translation

from pantau.budgets.allocations.services import AllocationConflict
from pantau.budgets.allocations.services import Issue as AllocationIssue
from pantau.budgets.compliance.services import EvidenceRejected
from pantau.core.messages import ERROR, SEVERITY_LABELS, WARNING, Issue, Refusal, in_language
from pantau.engine.workforce import Issue as WorkforceIssue
from pantau.ingest.types import FileRejected, NotAllowed
from pantau.rules.errors import RuleError


class CellIssue(Issue):
    catalogue = {
        "too_big": (ERROR, "Terlalu besar ({value}, paling banyak {limit}).",
                    "Too large ({value}, at most {limit})."),
        "odd": (WARNING, "Aneh: {value}.", "Odd: {value}."),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("language", "expected"),
    [("id", "Berkas kosong."), ("en", "The file is empty."), ("en-gb", "The file is empty.")],
)
def test_the_active_language_picks_the_message(language, expected):
    with translation.override(language):
        assert in_language("Berkas kosong.", "The file is empty.") == expected


def test_without_an_active_language_it_is_indonesian():
    with translation.override(None):
        assert in_language("Berkas kosong.", "The file is empty.") == "Berkas kosong."


def test_a_refusal_carries_its_code_and_both_messages():
    refusal = Refusal("empty_file", "Berkas kosong.", "The file is empty.")
    assert (refusal.code, refusal.message_id, refusal.message_en) == (
        "empty_file", "Berkas kosong.", "The file is empty.")  # fmt: skip
    assert str(refusal) == "Berkas kosong. / The file is empty."
    with translation.override("en"):
        assert refusal.message() == "The file is empty."
    with translation.override("id"):
        assert refusal.message() == "Berkas kosong."


@pytest.mark.parametrize(
    "refusal",
    [
        FileRejected("empty_file", "Berkas kosong.", "The file is empty."),
        NotAllowed("not_allowed", "Tidak boleh.", "Not allowed."),
        EvidenceRejected("not_pdf", "Bukan PDF.", "Not a PDF."),
    ],
)
def test_the_refusals_of_imports_and_uploads_are_refusals(refusal):
    assert isinstance(refusal, Refusal)
    assert str(refusal) == f"{refusal.message_id} / {refusal.message_en}"
    with translation.override("en"):
        assert refusal.message() == refusal.message_en


def test_an_allocation_conflict_is_a_refusal_and_still_a_runtime_error():
    conflict = AllocationConflict()
    assert isinstance(conflict, Refusal) and isinstance(conflict, RuntimeError)
    assert conflict.code == "concurrent_record"
    assert str(conflict) == f"{AllocationConflict.message_id} / {AllocationConflict.message_en}"


def test_a_rule_error_keeps_its_argument_and_says_itself_in_indonesian():
    error = RuleError("--wage", "Upah harus angka.", "The wage must be a number.")
    assert isinstance(error, Refusal) and isinstance(error, ValueError)
    assert (error.argument, str(error), error.args) == (
        "--wage", "Upah harus angka.", ("Upah harus angka.",))  # fmt: skip
    with translation.override("en"):
        assert error.message() == "The wage must be a number."


def test_an_issue_fills_its_value_and_details_in_both_languages():
    issue = CellIssue("amount", "too_big", "12", {"limit": 10})
    assert issue.messages() == ("Terlalu besar (12, paling banyak 10).",
                                "Too large (12, at most 10).")  # fmt: skip
    assert (issue.severity, issue.is_error) == (ERROR, True)
    assert SEVERITY_LABELS[issue.severity] == "galat"
    with translation.override("en"):
        assert issue.message() == "Too large (12, at most 10)."
    with translation.override("id"):
        assert issue.message() == "Terlalu besar (12, paling banyak 10)."


def test_a_warning_is_not_an_error():
    issue = CellIssue("note", "odd", "x")
    assert (issue.severity, issue.is_error, SEVERITY_LABELS[issue.severity]) == (
        WARNING, False, "peringatan")  # fmt: skip


def test_at_row_keeps_the_subclass_and_its_catalogue():
    issue = CellIssue("amount", "too_big", "12", {"limit": 10})
    moved = issue.at_row(7)
    assert type(moved) is CellIssue and moved.row == 7 and issue.row is None
    assert moved.messages() == issue.messages()
    assert moved == CellIssue("amount", "too_big", "12", {"limit": 99}, row=7)  # details aside


def test_each_table_has_its_own_catalogue():
    workforce = WorkforceIssue("employed", "employed_not_positive", "0").at_row(3)
    allocation = AllocationIssue("amount", "amount_negative", "-1").at_row(3)
    assert type(workforce) is WorkforceIssue and type(allocation) is AllocationIssue
    assert "lebih dari nol" in workforce.messages()[0]
    assert "tidak boleh negatif" in allocation.messages()[0]
    assert workforce.is_error and allocation.is_error
    with pytest.raises(KeyError):
        WorkforceIssue("amount", "amount_negative", "-1").messages()
