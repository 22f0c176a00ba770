"""``noop_five``: five steps that do nothing, to measure the engine's own cost."""

from orchestration.engine.definitions import Step, StepContext, StepOutcome, Workflow


def _noop(ctx: StepContext) -> StepOutcome:
    return StepOutcome(output={})


def _noop_undo(ctx: StepContext) -> None:
    return None


NOOP_FIVE = Workflow(
    name="noop_five",
    version=1,
    steps=tuple(
        Step(name=f"noop_{index}", action=_noop, compensate=_noop_undo)
        for index in range(1, 6)
    ),
    public_outputs=(),
    needs_brief=False,
)
