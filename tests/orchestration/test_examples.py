"""Every example brief runs end to end in both packs, passes QC, and renders."""

import json
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from delivery import api as delivery_api
from orchestration import api as orchestration_api
from production import api as production_api
from qc import api as qc_api

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BRIEFS = sorted(
    p.name for p in EXAMPLES.glob("*.json") if p.name != "invalid_brief.json"
)
PACKS = ["quick_social_basic", "strategy_campaign_standard"]
BRANDS = {
    name: json.loads((EXAMPLES / name).read_text())["client"]["name"] for name in BRIEFS
}


def test_there_are_examples_from_at_least_five_industries():
    industries = {
        json.loads((EXAMPLES / name).read_text())["client"]["industry"]
        for name in BRIEFS
    }

    assert len(industries) >= 5


@pytest.mark.parametrize("pack", PACKS)
@pytest.mark.parametrize("brief_file", BRIEFS)
def test_each_example_completes_passes_qc_and_stays_on_its_own_brand(brief_file, pack):
    data = json.loads((EXAMPLES / brief_file).read_text())
    brief = orchestration_api.brief_submit(data=data)

    run = orchestration_api.workflow_start(brief_id=brief.id, pack=pack).run

    assert run.status == "completed", run.error
    result = qc_api.result_get(result_id=run.outputs["qc_result_id"])
    assert result.passed is True
    blockers = [
        c for c in result.checks if c.severity == "BLOCKER" and c.status == "FAIL"
    ]
    assert blockers == []
    draft = production_api.draft_get(draft_id=run.outputs["draft_id"])
    assert [s.key for s in draft.sections] == [
        s.key for s in production_api.pack_get(key=pack).sections
    ]
    text = draft.markdown.lower()
    assert BRANDS[brief_file].lower() in text
    for other_file, other_brand in BRANDS.items():
        if other_file != brief_file:
            assert other_brand.lower() not in text, f"{other_brand} leaked in"
    for word in data.get("banned_words", []):
        assert word.lower() not in text
    package = delivery_api.package_get(package_id=run.outputs["package_id"])
    pdf = next(a for a in package.artifacts if a.format == "pdf")
    with default_storage.open(pdf.path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
