"""The score and the verdict, exactly as SPEC.md §3 fixes them."""

from collections.abc import Iterable

from qc.dto import CheckData, CheckStatus, Severity

START_SCORE = 100
PASS_SCORE = 70
WARN_PENALTY = 5
FAIL_PENALTIES = {Severity.BLOCKER: 30, Severity.MAJOR: 10, Severity.MINOR: 3}


def score(checks: Iterable[CheckData]) -> int:
    """Return 100 minus each failure's and warning's penalty, never below 0."""
    total = START_SCORE
    for check in checks:
        if check.status == CheckStatus.FAIL:
            total -= FAIL_PENALTIES[check.severity]
        elif check.status == CheckStatus.WARN:
            total -= WARN_PENALTY
    return max(total, 0)


def verdict(checks: Iterable[CheckData]) -> tuple[int, bool]:
    """Return ``(score, passed)``; passing needs no failed BLOCKER and 70 or more."""
    checks = list(checks)
    blocked = any(
        check.status == CheckStatus.FAIL and check.severity == Severity.BLOCKER
        for check in checks
    )
    total = score(checks)
    return total, not blocked and total >= PASS_SCORE
