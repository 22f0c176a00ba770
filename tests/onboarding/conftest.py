import copy
import json
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PACKS = {"quick_social_basic"}


@pytest.fixture
def raw_brief() -> dict:
    data = json.loads((EXAMPLES / "brightsmile_dental.json").read_text())
    return copy.deepcopy(data)
