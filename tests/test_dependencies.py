"""Dependencies: patched lower bounds and lock files in step (issue 11, finding 11).

``pyproject.toml`` used to admit Django 5.2.0 to 5.2.7, which miss SQL-injection
fixes, and nothing pinned what CI had tested. Now the lower bounds sit at patched
releases, and ``requirements/dev.lock`` (what ``make install`` and CI install, with
hashes) and ``requirements/base.lock`` (the product alone, for deployments) pin every
requirement at a version ``pyproject.toml`` allows.
"""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", re.MULTILINE)


def _requirements(*groups: str) -> dict[str, Requirement]:
    lines = list(PYPROJECT["dependencies"])
    for group in groups:
        lines += PYPROJECT["optional-dependencies"][group]
    return {canonicalize_name(r.name): r for r in map(Requirement, lines)}


def _pins(lock: str) -> dict[str, Version]:
    text = (ROOT / "requirements" / lock).read_text()
    return {canonicalize_name(name): Version(v) for name, v in PIN.findall(text)}


@pytest.mark.parametrize(
    ("package", "unpatched"),
    [
        ("django", "5.2.7"),  # CVE-2025-64459 (SQL injection via _connector)
        ("django", "5.2.10"),  # CVE-2026-1287, CVE-2026-1312 (SQL injection)
        ("django", "5.2.18"),  # the five fixes of 5.2.19
        ("djangorestframework", "3.17.1"),  # request.data ignored the upload limit
        ("sqlparse", "0.5.5"),
    ],
)
def test_the_lower_bounds_exclude_releases_with_known_advisories(package, unpatched):
    assert not _requirements()[package].specifier.contains(unpatched)


@pytest.mark.parametrize(
    ("lock", "groups"), [("dev.lock", ("dev",)), ("base.lock", ())]
)
def test_each_lock_pins_every_requirement_at_an_allowed_version(lock, groups):
    pins = _pins(lock)

    for name, requirement in _requirements(*groups).items():
        assert name in pins, f"{name} is missing from requirements/{lock}"
        assert requirement.specifier.contains(pins[name]), (
            f"requirements/{lock} pins {name} {pins[name]}, "
            f"outside {requirement.specifier}: run `make lock`"
        )


def test_the_product_lock_pins_the_versions_the_dev_lock_tests():
    dev, base = _pins("dev.lock"), _pins("base.lock")

    assert {name: dev.get(name) for name in base} == base


@pytest.mark.parametrize("lock", ["dev.lock", "base.lock"])
def test_every_pin_carries_its_hashes(lock):
    text = (ROOT / "requirements" / lock).read_text()
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    pinned = [block for block in blocks if PIN.match(block)]

    assert len(pinned) == len(_pins(lock))
    for block in pinned:
        assert "--hash=sha256:" in block, block.splitlines()[0]


def test_make_install_installs_exactly_the_lock():
    makefile = (ROOT / "Makefile").read_text()

    assert "$(VENV)/.installed: pyproject.toml $(LOCK)" in makefile
    assert "pip install --quiet --require-hashes -r $(LOCK)" in makefile
    assert "pip install --quiet --no-deps --no-build-isolation -e ." in makefile
