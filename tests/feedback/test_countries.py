"""The gazetteer: every State and territory, its names, aliases and demonyms, without Django."""

import subprocess
import sys
from pathlib import Path

import pytest

from participants.countries import (
    COUNTRIES,
    COUNTRY_CHOICES,
    country_name,
    get_country,
    is_country_code,
    sort_key,
)

UN_OBSERVERS_AND_TERRITORIES = ("VA", "PS", "TW", "XK", "HK", "MO", "PR", "GL", "EH", "GI")


def test_gazetteer_covers_every_iso_country_and_kosovo():
    codes = {country.code for country in COUNTRIES}

    assert len(codes) == len(COUNTRIES) == 250
    assert set(UN_OBSERVERS_AND_TERRITORIES) <= codes


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("PE", "Peru"),
        ("GB", "United Kingdom"),
        ("TR", "Türkiye"),
        ("VN", "Viet Nam"),
        ("CI", "Côte d'Ivoire"),
        ("VA", "Holy See"),
        ("PS", "State of Palestine"),
        ("KR", "Republic of Korea"),
    ],
)
def test_country_name_returns_the_short_name_a_picker_shows(code, name):
    assert country_name(code) == name


def test_country_name_of_an_unknown_code_returns_the_code():
    assert country_name("QQ") == "QQ"
    assert country_name("") == ""


def test_lookup_by_code_ignores_case_and_spaces():
    assert get_country(" pe ").code == "PE"
    assert is_country_code("no")
    assert not is_country_code("XX")


def test_official_names_are_the_long_forms():
    assert get_country("PE").official_name == "Republic of Peru"
    assert get_country("GB").official_name == "United Kingdom of Great Britain and Northern Ireland"


@pytest.mark.parametrize(
    ("code", "alias"),
    [
        ("GB", "UK"),
        ("GB", "U.K."),
        ("GB", "Great Britain"),
        ("GB", "Britain"),
        ("TR", "Turkey"),
        ("VN", "Vietnam"),
        ("CI", "Cote d'Ivoire"),
        ("CI", "Ivory Coast"),
        ("US", "USA"),
        ("US", "U.S."),
        ("US", "United States of America"),
        ("NL", "Holland"),
        ("MM", "Burma"),
        ("SZ", "Swaziland"),
        ("CZ", "Czech Republic"),
        ("CD", "DRC"),
        ("KR", "South Korea"),
        ("KR", "ROK"),
    ],
)
def test_aliases_include_the_spellings_people_use(code, alias):
    assert alias in get_country(code).names


@pytest.mark.parametrize(
    ("code", "demonym"),
    [
        ("PE", "Peruvian"),
        ("GB", "British"),
        ("NO", "Norwegian"),
        ("CH", "Swiss"),
        ("PH", "Filipino"),
        ("CI", "Ivorian"),
        ("NL", "Dutch"),
    ],
)
def test_demonyms_are_listed(code, demonym):
    assert demonym in get_country(code).demonyms


def test_plural_demonyms_are_listed():
    assert "Peruvians" in get_country("PE").demonym_plurals
    assert "Britons" in get_country("GB").demonym_plurals


def test_demonyms_that_name_a_language_are_flagged():
    flagged = {term for country in COUNTRIES for term in country.language_terms}

    assert {"French", "Spanish", "Russian", "Chinese", "German", "Portuguese", "Dutch", "Swedish"} <= flagged
    assert "Peruvian" not in flagged
    assert "British" not in flagged


def test_choices_are_sorted_by_name_ignoring_accents():
    names = [name for _, name in COUNTRY_CHOICES]

    assert names == sorted(names, key=sort_key)
    assert names.index("Côte d'Ivoire") < names.index("Croatia")


def test_every_country_has_a_name_and_terms():
    assert all(country.name and country.name in country.terms for country in COUNTRIES)


def test_the_module_imports_without_django():
    code = "import sys, participants.countries; print('django' in sys.modules)"
    root = Path(__file__).resolve().parents[2]

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)

    assert result.stdout.strip() == "False"
