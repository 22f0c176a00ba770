"""Shared rendering for the workflow commands."""

from typing import Any

from django.core.files.storage import default_storage

from orchestration.dto import RunData


def artifact_location(path: str) -> str:
    """Return a local file path for a stored artifact when the storage has one."""
    try:
        return default_storage.path(path)
    except NotImplementedError:
        return default_storage.url(path)


def run_summary(run: RunData, artifacts: list[Any]) -> list[str]:
    """Return readable lines: status, each step with its duration, the package files."""
    lines = [
        f"Run {run.id} ({run.workflow}, pack {run.pack}): {run.status.value.upper()}",
        f"  brief {run.brief_id}"
        + (f", idempotency key {run.idempotency_key}" if run.idempotency_key else ""),
        "  steps:",
    ]
    for index, step in enumerate(run.steps, start=1):
        duration = (
            f"{step.duration_ms:8.1f} ms" if step.duration_ms is not None else " " * 11
        )
        error = f"  {step.error['code']}" if step.error and "code" in step.error else ""
        lines.append(
            f"    {index}. {step.name:<18} {step.status.value:<20} "
            f"attempts {step.attempts}"
            f"  {duration}{error}"
        )
    if run.compensated_steps:
        lines.append(f"  compensated (in order): {', '.join(run.compensated_steps)}")
    if run.error:
        lines.append(
            f"  error: {run.error.get('code')} at {run.error.get('step')}: "
            f"{run.error.get('message')}"
        )
    for key in ("strategy_id", "draft_id", "qc_result_id", "package_id"):
        if key in run.outputs:
            lines.append(f"  {key}: {run.outputs[key]}")
    if artifacts:
        lines.append("  artifacts:")
        for artifact in artifacts:
            lines.append(
                f"    {artifact.format:<8} {artifact_location(artifact.path)}"
                f"  ({artifact.size} bytes, sha256 {artifact.sha256[:12]}…)"
            )
    return lines
