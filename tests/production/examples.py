"""The example briefs of ``examples/``, taken through onboarding and strategy.

Each brief goes the way a run takes it: onboarding submits, normalizes and publishes
its ``BriefContext``; strategy writes the strategy, which is mapped onto production's
``StrategyInput`` by the saga's own mapper, ``orchestration.sagas.strategy_input``.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from aicmo_site.kernel.briefs import BriefContext
from onboarding import api as onboarding_api
from orchestration.sagas import strategy_input
from production import api as production_api
from production import dto as production_dto
from strategy import api as strategy_api

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_BRIEFS = tuple(
    sorted(p.name for p in EXAMPLES.glob("*.json") if p.name != "invalid_brief.json")
)
PACKS = ("quick_social_basic", "strategy_campaign_standard")


def load(name: str) -> dict:
    return json.loads((EXAMPLES / name).read_text())


@dataclass(frozen=True)
class Example:
    name: str
    data: dict
    brief: BriefContext
    strategy: production_dto.StrategyInput


def example(name: str, pack: str, key: str = "example") -> Example:
    """Submit, normalize and strategise one example brief for ``pack`` (needs a db)."""
    data = load(name)
    known = tuple(p.key for p in production_api.pack_list())
    submitted = onboarding_api.brief_submit(data=data, known_packs=known)
    normalized = onboarding_api.brief_normalize(
        brief_id=submitted.id,
        engagement_ref=f"run_{key}",
        idempotency_key=key,
        pack=pack,
    )
    brief = onboarding_api.brief_context_get(normalized_brief_id=normalized.id)
    strategy = strategy_api.strategy_generate(brief=brief, idempotency_key=key)
    return Example(name=name, data=data, brief=brief, strategy=strategy_input(strategy))
