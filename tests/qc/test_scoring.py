"""The score and the pass rule of SPEC.md §3, with exact values."""

import pytest

from qc import scoring
from qc.dto import CheckData, CheckStatus, Severity

B, M, m = Severity.BLOCKER, Severity.MAJOR, Severity.MINOR
PASS, WARN, FAIL = CheckStatus.PASS, CheckStatus.WARN, CheckStatus.FAIL


def checks(*pairs):
    return [
        CheckData(id=f"rule_{n}", severity=severity, status=status, section="draft",
                  message="m", fix="f")
        for n, (severity, status) in enumerate(pairs)
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("pairs", "score", "passed"),
    [
        ((), 100, True),
        (((B, PASS), (M, PASS), (m, PASS)), 100, True),
        (((M, FAIL), (m, WARN), (B, WARN)), 80, True),
        (((m, FAIL),), 97, True),
        (((B, FAIL),), 70, False),
        (((M, FAIL), (M, FAIL), (M, FAIL)), 70, True),
        (((M, FAIL), (M, FAIL), (M, FAIL), (m, FAIL)), 67, False),
        (((M, FAIL), (M, FAIL), (m, WARN), (m, WARN)), 70, True),
        (((M, FAIL), (M, FAIL), (m, WARN), (m, WARN), (m, FAIL)), 67, False),
        (((B, FAIL), (B, FAIL), (B, FAIL)), 10, False),
        (((B, FAIL), (B, FAIL), (B, FAIL), (B, FAIL)), 0, False),
        (((B, FAIL),) * 3 + ((m, WARN),) * 3, 0, False),
    ],
)
def test_score_and_verdict(pairs, score, passed):
    assert scoring.verdict(checks(*pairs)) == (score, passed)


def test_a_warned_blocker_costs_five_and_does_not_block():
    assert scoring.verdict(checks((B, WARN))) == (95, True)


def test_a_failed_blocker_blocks_even_when_the_score_is_high_enough():
    score, passed = scoring.verdict(checks((B, FAIL)))

    assert score >= scoring.PASS_SCORE
    assert passed is False
