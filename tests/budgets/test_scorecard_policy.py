"""The scorecard's weights: the shipped policy, a custom file through the setting or the
environment, and every bad file refused with a message that says what is wrong."""

from __future__ import annotations

from fractions import Fraction

import pytest
from django.core.management import call_command

from pantau.budgets.scorecard.services import (
    DEFAULT_POLICY_FILE,
    PolicyError,
    load_policy,
    policy_path,
    scorecard,
)
from pantau.core.command import UsageError
from tests.budgets.scorecard_world import YEAR, plan

GOOD = {
    "regulation": "15", "planning": "10", "budget": "25", "list_coverage": "20", "ucj": "15",
    "ucj_trend": "10", "follow_up": "5",
}  # fmt: skip
TARGETS = '[targets]\nucj = "0.5215"\nucj_trend_points = "5"\n'


def policy_text(weights: dict[str, str] | None = None, targets: str = TARGETS) -> str:
    lines = "".join(f"{name} = {value}\n" for name, value in (weights or GOOD).items())
    return f"[weights]\n{lines}\n{targets}"


def write(tmp_path, text: str):
    path = tmp_path / "scorecard.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_policy(settings, monkeypatch):
    monkeypatch.delenv("PANTAU_SCORECARD_POLICY", raising=False)
    assert policy_path() == DEFAULT_POLICY_FILE
    policy = load_policy()
    assert policy.weights == {"regulation": 15, "planning": 10, "budget": 25,
                              "list_coverage": 20, "ucj": 15, "ucj_trend": 10,
                              "follow_up": 5}  # fmt: skip
    assert sum(policy.weights.values()) == 100
    assert (policy.ucj_target, policy.ucj_trend_points) == (Fraction(1043, 2000), 5)


def test_the_same_file_written_out_is_accepted(tmp_path):
    assert load_policy(write(tmp_path, policy_text())).weights == load_policy().weights


@pytest.mark.parametrize(
    ("changes", "targets", "says"),
    [
        ({"planning": "5"}, TARGETS, "100, not 95"),
        ({"planning": "15"}, TARGETS, "100, not 105"),
        ({"planning": "12.5", "budget": "22.5"}, TARGETS, "planning must be a whole number"),
        ({"planning": "-10", "budget": "45"}, TARGETS, "planning must be a whole number"),
        ({"planning": "true"}, TARGETS, "planning must be a whole number"),
        ({"planning": '"10"'}, TARGETS, "planning must be a whole number"),
        ({"planning": None}, TARGETS, "missing weights: planning"),
        ({"paritrana": "0"}, TARGETS, "unknown weights: paritrana"),
        ({}, "", "[targets] table is missing"),
        ({}, '[targets]\nucj = 0.5215\nucj_trend_points = "5"\n', "targets.ucj must be"),
        ({}, '[targets]\nucj = "52%"\nucj_trend_points = "5"\n', "is not a number"),
        ({}, '[targets]\nucj = "52.15"\nucj_trend_points = "5"\n', "a share (0–1)"),
        ({}, '[targets]\nucj = "0.5"\nucj_trend_points = "0"\n', "more than 0"),
        ({}, '[targets]\nucj = "0.5"\n', "targets.ucj_trend_points must be"),
    ],
)
def test_a_bad_policy_is_refused_and_says_why(tmp_path, changes, targets, says):
    weights = {**GOOD, **changes}
    weights = {name: value for name, value in weights.items() if value is not None}
    path = write(tmp_path, policy_text(weights, targets))
    with pytest.raises(PolicyError) as raised:
        load_policy(path)
    message = str(raised.value)
    assert says in message
    assert str(path) in message and " / " in message and "\n" not in message


@pytest.mark.parametrize("text", ["weights = [15, 10]", "[weights\nregulation = 15", ""])
def test_not_a_policy_at_all(tmp_path, text):
    with pytest.raises(PolicyError, match="weights|TOML"):
        load_policy(write(tmp_path, text))


def test_a_missing_file(tmp_path):
    with pytest.raises(PolicyError, match="cannot be read"):
        load_policy(tmp_path / "nowhere.toml")


def test_a_custom_policy_changes_the_scores(tmp_path, settings, make_user):
    admin = make_user("admin", "national", None, is_superuser=True)
    plan(admin, "64.02", True, True)
    # Planning, and no monev action due (nothing missed: the whole follow-up weight).
    assert scorecard("64.02", YEAR).rows[0].score == 10 + 5
    custom = write(tmp_path, policy_text({**GOOD, "planning": "40", "budget": "5",
                                          "list_coverage": "10"}))  # fmt: skip
    settings.PANTAU_SCORECARD_POLICY = str(custom)
    card = scorecard("64.02", YEAR)
    assert card.rows[0].score == 40 + 5 and card.policy.path == custom
    assert card.rows[0].part("planning").weight == 40


def test_the_environment_variable_names_a_policy(tmp_path, monkeypatch, db):
    custom = write(tmp_path, policy_text({**GOOD, "ucj": "5", "ucj_trend": "20"}))
    monkeypatch.setenv("PANTAU_SCORECARD_POLICY", str(custom))
    assert policy_path() == custom
    assert scorecard("64", YEAR).policy.weights["ucj_trend"] == 20


def test_the_command_refuses_a_bad_policy_in_one_line(tmp_path, settings, db):
    settings.PANTAU_SCORECARD_POLICY = str(write(tmp_path, policy_text({**GOOD, "ucj": "16"})))
    with pytest.raises(UsageError) as raised:
        call_command("scorecard", "--region", "64", "--year", "2025")
    assert raised.value.returncode == 2
    assert "jumlah bobot harus 100, bukan 101" in str(raised.value)
