import json
from pathlib import Path

import pytest

from orchestration import api as orchestration_api

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def load_example(name: str = "brightsmile_dental.json") -> dict:
    return json.loads((EXAMPLES / name).read_text())


@pytest.fixture
def brief():
    return orchestration_api.brief_submit(data=load_example())


@pytest.fixture
def start(brief):
    def _start(**kwargs):
        return orchestration_api.workflow_start(brief_id=brief.id, **kwargs).run

    return _start
