import pytest

from aicmo_site.kernel.briefs import BriefContext
from tests.briefs import BAKERY, SAAS


@pytest.fixture
def brief() -> BriefContext:
    return BAKERY


@pytest.fixture
def other_brief() -> BriefContext:
    return SAAS
