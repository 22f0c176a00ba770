import pytest

from tests.delivery.samples import package_input


@pytest.fixture
def package():
    return package_input()
