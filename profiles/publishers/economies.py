"""Which country page each of a publisher's economies is, by its code alone.

Codes are ISO 3166 alpha-3 ("LSO", the World Bank's) or UN M49 numeric ("426", UN DESA's),
read by django-countries. Names are never matched: publishers spell them their own way
("Eswatini", "Swaziland", "Kingdom of Eswatini"). A code that names no country in ISO 3166
is an aggregate (the World Bank's regions, income and lending groups, UN M49 regions from
900 on) or one of the few areas ISO 3166 gives no code of its own (Kosovo, the Channel
Islands); all are left out and counted.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from django_countries import countries

NOT_A_COUNTRY = "an aggregate (a region or a group of economies) or an area with no ISO 3166 code"
NO_PAGE = "a country with no page on the site"
ALPHA_3 = re.compile(r"[A-Z]{3}")
M49 = re.compile(r"[0-9]{1,4}")


@dataclass(frozen=True, slots=True)
class SkippedEconomy:
    code: str
    name: str
    reason: str  # NOT_A_COUNTRY or NO_PAGE


@dataclass
class EconomyMatch:
    """The observations of the file's countries that have a page, each with its ISO code,
    and the economies left out, each once."""

    matched: list = field(default_factory=list)  # (ISO alpha-2, Observation)
    skipped: list = field(default_factory=list)  # SkippedEconomy

    @property
    def aggregates(self):
        return self._count(NOT_A_COUNTRY)

    @property
    def without_page(self):
        return self._count(NO_PAGE)

    def _count(self, reason):
        return Counter(economy.reason for economy in self.skipped)[reason]


def country_code(code):
    """The ISO alpha-2 code of an alpha-3 or M49 code, or "" for a code of no country."""
    if not (ALPHA_3.fullmatch(code) or M49.fullmatch(code)):
        return ""  # the API's "1W", "ZG"...: never an alpha-2 code taken for a country
    return countries.alpha2(code) or ""


def match_economies(observations, site_countries):
    """`site_countries`: the ISO alpha-2 codes the site has pages for."""
    site_countries = set(site_countries)
    found, result = {}, EconomyMatch()
    for observation in observations:
        code = observation.economy_code
        if code not in found:
            found[code] = iso2 = country_code(code)
            if iso2 not in site_countries:
                reason = NO_PAGE if iso2 else NOT_A_COUNTRY
                result.skipped.append(SkippedEconomy(code, observation.economy_name, reason))
        iso2 = found[code]
        if iso2 in site_countries:
            result.matched.append((iso2, observation))
    return result
