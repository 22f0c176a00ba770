"""Working days in the client's country: weekends and public holidays.

A deadline the agency or the client must meet falls on a working day. Which days are
off depends on where the client works, read from the brief's free-text geography
("Austin, Texas", "Leeds, United Kingdom", "Lisbon, Portugal"): the country, and the
region where the holidays library tells regions apart (a US state, a UK nation). The
holidays themselves come from the ``holidays`` package, pinned in the lock files, so
the same brief always gives the same dates.

A geography that names no country we can place ("Europe", "Global") still gets
Saturdays and Sundays off; nothing in the client's copy says so.
"""

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import TypeVar

import holidays
from holidays import registry

_T = TypeVar("_T")

# The weekend where no country is known: Saturday and Sunday (date.weekday() numbers).
DEFAULT_WEEKEND = frozenset({5, 6})

# Other names people write for a country, beside the holidays library's own English
# names (``united kingdom``, ``netherlands``). Keys are matched after _normalise, so
# "U.K." is "uk" and "U.S.A." is "usa".
COUNTRY_ALIASES: dict[str, str] = {
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "us": "US",
    "usa": "US",
    "united states of america": "US",
    "holland": "NL",
    "the netherlands": "NL",
    "czech republic": "CZ",
    "uae": "AE",
}
# Countries whose regions keep different holidays, and where a brief names no region,
# the region most clients there mean: the UK's are England's unless a nation is named.
DEFAULT_REGIONS: dict[str, str] = {"GB": "ENG"}
# Regions a brief may name without its country: a US state ("Austin, Texas") or a UK
# nation ("Cardiff, Wales"). Other countries' regions count only once the country is
# named ("Sydney, New South Wales, Australia").
REGIONS_WITHOUT_COUNTRY = ("US", "GB")


@dataclass(frozen=True, slots=True)
class Place:
    """A country (ISO 3166-1 alpha-2) and, where it matters, a region's code."""

    country: str
    region: str | None = None


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """The places whose weekends and public holidays are days off; may be empty."""

    places: tuple[Place, ...] = ()

    @property
    def known(self) -> bool:
        """Whether any country was recognised (otherwise only weekends are off)."""
        return bool(self.places)

    @property
    def label(self) -> str:
        """Where the holidays come from, for operators: ``US-TX``, ``GB-ENG``."""
        if not self.places:
            return "no country recognised; weekends only"
        return ", ".join(
            f"{p.country}-{p.region}" if p.region else p.country for p in self.places
        )


def _normalise(value: str) -> str:
    """Lower case, no accents, no dots ("U.K." is "uk"), single spaces."""
    plain = unicodedata.normalize("NFKD", value)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    plain = plain.casefold().replace(".", "").replace("&", " and ")
    return " ".join(re.findall(r"[^\W_]+", plain))


@functools.cache
def _regions(country: str) -> dict[str, str]:
    """The country's region names, as the holidays library spells them, to codes."""
    entity = holidays.country_holidays(country)
    return {
        _normalise(name): code for name, code in entity.subdivisions_aliases.items()
    }


@functools.cache
def _places() -> dict[str, Place]:
    """Every name a geography may use for a place, to the place it stands for.

    The holidays library's English country names and the aliases give countries;
    the US states and UK nations give regions. A name that is both ("Georgia") is
    the country.
    """
    names = {
        _normalise(name): Place(country, region)
        for country in REGIONS_WITHOUT_COUNTRY
        for name, region in _regions(country).items()
    }
    names.update(
        {
            _normalise(key.replace("_", " ")): Place(entry[1])
            for key, entry in registry.COUNTRIES.items()
        }
    )
    names.update(
        {_normalise(alias): Place(code) for alias, code in COUNTRY_ALIASES.items()}
    )
    return names


def _matches(names: dict[str, _T], text: str) -> list[tuple[str, _T]]:
    """The names found in ``text`` as whole words, each with its value.

    Longer names win where they overlap: "New Jersey" is the state, not Jersey.
    """
    if not names or not text:
        return []
    alternatives = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, alternatives)) + r")\b")
    return [(m.group(0), names[m.group(0)]) for m in pattern.finditer(text)]


@functools.cache
def _us_states() -> frozenset[str]:
    return frozenset(holidays.country_holidays("US").subdivisions)


def _state_codes(geography: str) -> list[str]:
    """US state codes written as a part of their own: "Austin, TX", "Washington, DC"."""
    parts = [part.strip() for part in geography.split(",")][1:]
    return [part for part in parts if part in _us_states()]


def _named_regions(country: str, geography: str, text: str) -> list[str]:
    """The codes of the regions of ``country`` that the geography names, in order.

    A US state's code written out ("Kansas City, MO") settles it: the city's name
    is not a second state.
    """
    codes = _state_codes(geography) if country == "US" else []
    if not codes:
        codes = [code for _, code in _matches(_regions(country), text)]
    return list(dict.fromkeys(codes))


@functools.lru_cache(maxsize=512)
def calendar_for(geography: str) -> WorkCalendar:
    """Return the working-day calendar for the brief's geography.

    "Austin, Texas" and "Austin, TX" give the US with Texas's state holidays;
    "Leeds, United Kingdom", "Leeds, UK" and "United Kingdom" give England;
    "Cardiff, Wales" gives Wales; "UK and Ireland" and "Texas and Oklahoma" give
    both places' holidays. A geography naming no country ("Europe") gives an empty
    calendar: weekends only.
    """
    text = _normalise(geography)
    found = _matches(_places(), text)
    named = list(dict.fromkeys(p.country for _, p in found if p.region is None))

    def _region_of_another(country: str) -> bool:
        # "Atlanta, Georgia, USA": Georgia is the state here, not the country.
        names = {name for name, p in found if p == Place(country)}
        others = {
            name
            for other in named
            if other != country
            for name, _ in _matches(_regions(other), text)
        }
        return names <= others

    countries = [code for code in named if not _region_of_another(code)]
    if not countries:
        countries = list(dict.fromkeys(p.country for _, p in found))
    if not countries and _state_codes(geography):
        countries = ["US"]
    places = []
    for country in countries:
        regions: list[str | None] = [*_named_regions(country, geography, text)]
        places += [
            Place(country, region)
            for region in regions or [DEFAULT_REGIONS.get(country)]
        ]
    return WorkCalendar(tuple(places))


@functools.lru_cache(maxsize=1024)
def _holidays(place: Place, year: int) -> holidays.HolidayBase:
    entity = holidays.country_holidays(place.country, subdiv=place.region)
    languages = entity.supported_languages
    default = entity.default_language or ""
    language = None
    if not default.startswith("en"):
        language = next((lang for lang in languages if lang.startswith("en")), None)
    return holidays.country_holidays(
        place.country, subdiv=place.region, years=year, language=language
    )


def day_off(day: dt.date, calendar: WorkCalendar) -> str | None:
    """Return why ``day`` is not a working day ("Saturday", "Labor Day"), or None."""
    weekend: set[int] = set() if calendar.places else set(DEFAULT_WEEKEND)
    for place in calendar.places:
        known = _holidays(place, day.year)
        name = known.get(day)
        if name:
            return str(name)
        weekend |= set(known.weekend)
    if day.weekday() in weekend:
        return f"{day:%A}"
    return None


def is_working_day(day: dt.date, calendar: WorkCalendar) -> bool:
    """Return whether ``day`` is neither a weekend day nor a public holiday."""
    return day_off(day, calendar) is None


def working_day_on_or_before(day: dt.date, calendar: WorkCalendar) -> dt.date:
    """Return ``day`` if it is a working day, else the last working day before it."""
    while not is_working_day(day, calendar):
        day -= dt.timedelta(days=1)
    return day


def working_day_on_or_after(day: dt.date, calendar: WorkCalendar) -> dt.date:
    """Return ``day`` if it is a working day, else the first working day after it."""
    while not is_working_day(day, calendar):
        day += dt.timedelta(days=1)
    return day


def working_days_before(day: dt.date, count: int, calendar: WorkCalendar) -> dt.date:
    """Return the working day ``count`` working days before ``day`` (``count`` >= 1).

    Three working days before a Monday launch is the Wednesday before it; a bank
    holiday on that Friday makes it the Tuesday.
    """
    for _ in range(count):
        day = working_day_on_or_before(day - dt.timedelta(days=1), calendar)
    return day


def working_day_in_week(first: dt.date, calendar: WorkCalendar) -> dt.date:
    """Return the first working day of the seven days from ``first``.

    When all seven are off (it does not happen in practice), the last working day
    before ``first``.
    """
    for offset in range(7):
        day = first + dt.timedelta(days=offset)
        if is_working_day(day, calendar):
            return day
    return working_day_on_or_before(first, calendar)
