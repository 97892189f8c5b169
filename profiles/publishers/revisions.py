"""What a publisher's file would change: per country, the figures that are new, revised,
unchanged, and those we have that the file lacks. Nothing is written here.

Values are compared as numbers in our unit, rounded as the site stores them: a new edition
that prints 645207871.372579 where the last printed 645207871.37258 changes nothing.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from profiles.publishers.economies import EconomyMatch
from profiles.years import validate_year

NO_VALUE = "the file has no value, and neither have we"
SECOND_ROW = "a second row for the same country and year"
ALREADY_HERE = "we have a figure; only new figures were asked for"
TOO_LARGE = "the value is too large to store"
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Figure:
    """One country's figure for one year: ours and the file's, in our unit and rounded as
    the site stores it. None: no figure (or "Data not available") on that side."""

    iso2: str
    year: int
    ours: Decimal | None
    theirs: Decimal | None

    @property
    def change_percent(self):
        """The revision in per cent of our figure, to 0.01; None when ours is zero or none."""
        if not self.ours or self.theirs is None:
            return None
        change = (self.theirs - self.ours) / abs(self.ours) * HUNDRED
        return change.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def size(self):
        """How large a revision is, for putting the largest first: from zero is largest."""
        percent = self.change_percent
        infinite = percent is None
        return (infinite, abs(percent or 0), abs((self.theirs or 0) - (self.ours or 0)))


@dataclass(frozen=True, slots=True)
class SkippedRow:
    code: str  # the publisher's
    name: str
    year: int | None  # None: the whole economy
    reason: str


@dataclass
class CountryChanges:
    iso2: str
    economy_code: str
    economy_name: str  # the publisher's
    new: list = field(default_factory=list)
    revised: list = field(default_factory=list)  # largest first
    unchanged: list = field(default_factory=list)
    not_in_file: list = field(default_factory=list)  # ours, which the file lacks


@dataclass
class RevisionReport:
    series: str
    countries: dict = field(default_factory=dict)  # ISO alpha-2 -> CountryChanges
    skipped: list = field(default_factory=list)  # SkippedRow

    def _all(self, kind):
        return [figure for country in self.countries.values() for figure in getattr(country, kind)]

    @property
    def new(self):
        return self._all("new")

    @property
    def revised(self):
        """Every revision, the largest (in per cent) first."""
        return sorted(self._all("revised"), key=Figure.size, reverse=True)

    @property
    def unchanged(self):
        return self._all("unchanged")

    @property
    def not_in_file(self):
        return self._all("not_in_file")

    def skipped_counts(self):
        return Counter(row.reason for row in self.skipped)

    def summary(self):
        return (
            f"{len(self.new)} new, {len(self.revised)} revised, {len(self.unchanged)} "
            f"unchanged, {len(self.not_in_file)} we have that the file lacks; "
            f"{len(self.skipped)} rows left out."
        )


def compare(
    observations: EconomyMatch,
    existing,
    *,
    factor,
    decimal_places,
    since=None,
    only_new=False,
):
    """The report for one series: `observations` is match_economies' answer for it;
    `existing` maps (ISO alpha-2, year) to our value (None: "Data not available").
    `factor` turns the publisher's unit into ours (1000 for UN DESA's thousands).
    `since`: leave out years before it. `only_new`: report revisions as left out."""
    series = {observation.series for _, observation in observations.matched}
    if len(series) > 1:
        raise ValueError(f"compare() takes one series at a time, not {sorted(series)}")
    step, factor = Decimal(1).scaleb(-decimal_places), Decimal(factor)
    report = RevisionReport(series=series.pop() if series else "")
    report.skipped.extend(
        SkippedRow(economy.code, economy.name, None, economy.reason)
        for economy in observations.skipped
    )
    seen, year_problems = set(), {}
    for iso2, observation in observations.matched:
        country = report.countries.get(iso2)
        if country is None:
            country = report.countries[iso2] = CountryChanges(
                iso2, observation.economy_code, observation.economy_name
            )
        year = observation.year
        if year not in year_problems:  # a file has a few dozen years and thousands of rows
            year_problems[year] = _year_problem(year, since)
        reason = year_problems[year] or (SECOND_ROW if (iso2, year) in seen else None)
        if reason is None:
            seen.add((iso2, year))
            reason = _place(country, observation, existing, factor, step, only_new)
        if reason:
            report.skipped.append(
                SkippedRow(
                    observation.economy_code, observation.economy_name, observation.year, reason
                )
            )
    _add_not_in_file(report, existing, seen, since, step)
    for country in report.countries.values():
        for figures in (country.new, country.unchanged, country.not_in_file):
            figures.sort(key=lambda figure: figure.year)
        country.revised.sort(key=Figure.size, reverse=True)
    return report


def _year_problem(year, since):
    if since is not None and year < since:
        return f"before {since}"
    try:
        validate_year(year)  # the site's own rule for a statistic's year
    except ValidationError as error:
        return error.messages[0]
    return None


def _place(country, observation, existing, factor, step, only_new):
    """File the figure under new, revised or unchanged; or return why it is left out."""
    key = (country.iso2, observation.year)
    ours = _rounded(existing.get(key), 1, step)
    try:
        theirs = _rounded(observation.value, factor, step)
    except InvalidOperation:
        return TOO_LARGE
    figure = Figure(country.iso2, observation.year, ours, theirs)
    if theirs is None:
        if ours is not None:
            country.not_in_file.append(figure)
        elif key in existing:
            country.unchanged.append(figure)  # "Data not available" on both sides
        else:
            return NO_VALUE
    elif ours is None:
        country.new.append(figure)
    elif ours == theirs:
        country.unchanged.append(figure)
    elif only_new:
        return ALREADY_HERE
    else:
        country.revised.append(figure)
    return None


def _add_not_in_file(report, existing, seen, since, step):
    """Our figures for the file's countries in years the file has no row for."""
    for (iso2, year), value in existing.items():
        country = report.countries.get(iso2)
        if country is None or value is None or (iso2, year) in seen:
            continue
        if since is None or year >= since:
            country.not_in_file.append(Figure(iso2, year, _rounded(value, 1, step), None))


def _rounded(value, factor, step):
    if value is None:
        return None
    rounded = (Decimal(value) * factor).quantize(step, rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else rounded  # never "-0"
