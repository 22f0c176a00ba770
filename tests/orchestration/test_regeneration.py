"""A section that misses its QC benchmark is regenerated exactly once before QC."""

import pytest

from orchestration import api as orchestration_api
from orchestration import sagas
from production import api as production_api
from qc.dto import SectionBenchmarkData

pytestmark = pytest.mark.django_db


@pytest.fixture
def regenerations(monkeypatch):
    calls = []
    real = sagas.production_api.draft_regenerate_sections

    def spy(**kwargs):
        calls.append((kwargs["section_keys"], kwargs["variant"]))
        return real(**kwargs)

    monkeypatch.setattr(sagas.production_api, "draft_regenerate_sections", spy)
    return calls


def _failing(*keys):
    def benchmark(*, draft):
        return tuple(
            SectionBenchmarkData(
                section=s.key,
                passed=s.key not in keys,
                failures=("too long",) if s.key in keys else (),
            )
            for s in draft.sections
        )

    return benchmark


def test_sections_that_meet_their_benchmarks_are_not_regenerated(start, regenerations):
    run = start()

    assert run.status == "completed"
    assert regenerations == []
    outputs = orchestration_api.run_internal_outputs(run_id=run.id)
    assert outputs["regenerated_sections"] == []
    assert production_api.draft_get(draft_id=run.outputs["draft_id"]).revisions == ()


def test_a_failing_section_is_regenerated_once_with_another_variant(
    start, regenerations, monkeypatch
):
    monkeypatch.setattr(sagas.qc_api, "section_benchmark", _failing("hashtag_strategy"))

    run = start()

    assert run.status == "completed"
    assert regenerations == [(("hashtag_strategy",), 1)]
    outputs = orchestration_api.run_internal_outputs(run_id=run.id)
    assert outputs["regenerated_sections"] == ["hashtag_strategy"]
    draft = production_api.draft_get(draft_id=run.outputs["draft_id"])
    assert [(r.variant, tuple(r.sections)) for r in draft.revisions] == [
        (1, ("hashtag_strategy",))
    ]
    events = [
        (e.type, e.payload)
        for e in orchestration_api.run_events(run_id=run.id)
        if e.type == "draft.sections_regenerated"
    ]
    assert len(events) == 1


def test_a_section_still_failing_after_regeneration_is_not_regenerated_again(
    start, regenerations, monkeypatch
):
    monkeypatch.setattr(
        sagas.qc_api, "section_benchmark", _failing("overview", "final_summary")
    )

    run = start()

    assert regenerations == [(("overview", "final_summary"), 1)]
    assert run.steps[2].status == "completed"
    draft = production_api.draft_get(draft_id=run.outputs["draft_id"])
    assert len(draft.revisions) == 1
