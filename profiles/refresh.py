"""Refreshing statistics from a publisher's own file (issue 16): the report of what it would
change, indicator by indicator and country by country, then every change written at once.

One service is behind the `refresh_statistics` command (and, later, the admin's page):

    report = refresh_statistics(data, filename, only_new=False, since=2000, dry_run=True)

The file is read by profiles.publishers; each indicator whose series code the file holds is
compared with our figures (as numbers, rounded as the site stores them). Unless `dry_run`,
the new and revised figures are written in one edit (config.edits): one transaction, history
with the user and a reason naming the file's edition, published pages marked "changed since
review" and the page cache refreshed by the edit's own hooks.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone

from config.database import all_or_nothing
from config.edits import create_rows, edit, update_rows
from profiles.models import Country, Indicator, Statistic
from profiles.publication import Status
from profiles.publishers import (
    EconomyMatch,
    PublisherFile,
    PublisherFileRefused,
    SkippedEconomy,
    SkippedRow,
    compare,
    match_economies,
    read_publisher_file,
)
from profiles.units import UnitKind
from profiles.years import validate_year

NOT_PUBLISHED = "a country whose page is not published (refresh all countries to include it)"
WRITE_BATCH = 1000
# A bulk update is one CASE over its rows, which the database walks for each row: measured
# with 7,000 rows on PostgreSQL, 300 a batch was faster than 40 or 1,000.
UPDATE_BATCH = 300
VALUE_FIELD = Statistic._meta.get_field("value")


class RefreshRefused(PublisherFileRefused):
    """The file, or what was asked of it, is refused: one sentence for the editor."""


@dataclass
class IndicatorRefresh:
    """One indicator's part of the file: the publisher's report for its series."""

    indicator: Indicator
    report: object  # profiles.publishers.RevisionReport
    countries: dict  # ISO alpha-2 -> Country
    refused: list  # SkippedRow: figures the site's rules refuse, also in report.skipped


@dataclass
class RefreshReport:
    publisher_file: PublisherFile
    indicators: list = field(default_factory=list)  # IndicatorRefresh, in display order
    only_new: bool = False
    since: int | None = None
    all_countries: bool = False
    written: bool = False

    @property
    def new(self):
        return sum(len(part.report.new) for part in self.indicators)

    @property
    def revised(self):
        return sum(len(part.report.revised) for part in self.indicators)

    @property
    def changes(self):
        return self.new + self.revised

    @property
    def reason(self):
        return reason_for(self.publisher_file)


def reason_for(publisher_file):
    """The history's reason: "World Bank WDI, updated 2025-07-01"."""
    initials = " ".join(
        word if word.isdigit() else word[0]
        for word in publisher_file.dataset.split()
        if word[0].isupper() or word.isdigit()
    ).replace(" ", "")
    # "IMS2024" reads better as "IMS 2024".
    short = initials.rstrip("0123456789")
    if short != initials:
        short = f"{short} {initials[len(short) :]}"
    edition = publisher_file.edition
    if _is_date(edition):
        edition = f"updated {edition}"
    return ", ".join(part for part in [f"{publisher_file.publisher} {short}", edition] if part)


def _is_date(text):
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def check_since(since):
    """`since` as a year the site takes, or RefreshRefused with the reason."""
    if since is None:
        return
    try:
        validate_year(since)
    except ValidationError as error:
        raise RefreshRefused(
            f"The first year to refresh, {since}, is refused: {error.messages[0]}"
        ) from None


def refresh_statistics(
    data=None,
    filename="",
    *,
    publisher_file=None,
    only_new=False,
    since=None,
    all_countries=False,
    dry_run=False,
    user=None,
):
    """The report of what the file changes; written unless `dry_run` (report.written).
    Raises RefreshRefused (or PublisherFileRefused) when the file or the options are refused;
    then nothing is written."""
    check_since(since)
    if publisher_file is None:
        publisher_file = read_publisher_file(data, filename)
    indicators = _indicators_of(publisher_file)
    report = RefreshReport(
        publisher_file, only_new=only_new, since=since, all_countries=all_countries
    )
    # Read and write in one transaction, so what was compared is what is written.
    with all_or_nothing(), edit(user, report.reason):
        countries = _countries()
        for indicator in indicators:
            report.indicators.append(
                _compare(publisher_file, indicator, countries, only_new, since, all_countries)
            )
        if not dry_run:
            _write(report, publisher_file.edition)
            report.written = True
    return report


def _indicators_of(publisher_file):
    indicators = list(Indicator.objects.filter(series__in=list(publisher_file.series_names)))
    if not indicators:
        held = ", ".join(
            f"{code} ({name})" for code, name in sorted(publisher_file.series_names.items())
        )
        raise RefreshRefused(
            f"No indicator takes the series this file holds ({held}): give the indicator its "
            "series code under “Source” in the admin's Indicators first. Nothing was changed."
        )
    return indicators  # in display order (the model's ordering)


def _countries():
    """Every country by its ISO alpha-2 code."""
    return {
        country.iso_code.code: country
        for country in Country.objects.only("id", "iso_code", "name", "status")
    }


def _compare(publisher_file, indicator, countries, only_new, since, all_countries):
    match = match_economies(publisher_file.of_series(indicator.series), countries)
    if not all_countries:
        match = _published_only(match, countries)
    existing = _existing(indicator, match)
    report = compare(
        match,
        existing,
        factor=indicator.factor,
        decimal_places=VALUE_FIELD.decimal_places,
        since=since,
        only_new=only_new,
    )
    refused = _leave_out_what_breaks_the_rules(report, indicator)
    return IndicatorRefresh(indicator, report, countries, refused)


def _published_only(match, countries):
    kept = EconomyMatch(skipped=list(match.skipped))
    left_out = {}
    for iso2, observation in match.matched:
        if countries[iso2].status == Status.PUBLISHED:
            kept.matched.append((iso2, observation))
        elif observation.economy_code not in left_out:
            left_out[observation.economy_code] = SkippedEconomy(
                observation.economy_code, observation.economy_name, NOT_PUBLISHED
            )
    kept.skipped.extend(left_out.values())
    return kept


def _existing(indicator, match):
    """Our figures for the file's countries: {(ISO alpha-2, year): value}."""
    iso_codes = {iso2 for iso2, _ in match.matched}
    return {
        (iso2, year): value
        for iso2, year, value in Statistic.objects.filter(
            indicator=indicator, country__iso_code__in=iso_codes
        ).values_list("country__iso_code", "year", "value")
    }


def _leave_out_what_breaks_the_rules(report, indicator):
    """A figure the site would refuse (a negative count, a percentage over 100, too many
    digits) is left out with the reason, as a row of the file."""
    unit, refused = UnitKind(indicator.unit), []
    for country in report.countries.values():
        for kind in ("new", "revised"):
            kept = []
            for figure in getattr(country, kind):
                try:
                    VALUE_FIELD.run_validators(figure.theirs)
                    unit.validate(figure.theirs)
                except ValidationError as error:
                    refused.append(
                        SkippedRow(
                            country.economy_code,
                            country.economy_name,
                            figure.year,
                            error.messages[0],
                        )
                    )
                else:
                    kept.append(figure)
            setattr(country, kind, kept)
    report.skipped.extend(refused)
    return refused


def _write(report, edition):
    now = timezone.now()
    for part in report.indicators:
        indicator, figures = part.indicator, [*part.report.new, *part.report.revised]
        if not figures:
            continue
        rows = {
            (statistic.country_id, statistic.year): statistic
            for statistic in Statistic.objects.filter(
                indicator=indicator,
                country__in={part.countries[figure.iso2] for figure in figures},
                year__in={figure.year for figure in figures},
            )
        }
        created, changed = [], []
        for figure in figures:
            country = part.countries[figure.iso2]
            statistic = rows.get((country.pk, figure.year))
            if statistic is None:
                created.append(
                    Statistic(
                        country=country,
                        indicator=indicator,
                        year=figure.year,
                        value=figure.theirs,
                        edition=edition,
                        imported_at=now,
                    )
                )
            else:
                # The figure is now the publisher's: its source line names the edition.
                statistic.value, statistic.source = figure.theirs, ""
                statistic.edition, statistic.imported_at, statistic.updated_at = edition, now, now
                changed.append(statistic)
        create_rows(Statistic, created, batch_size=WRITE_BATCH)
        # Only the values differ from row to row: they go through update_rows, which records
        # each row's history (with every field as set above); the columns all rows share are
        # set in one statement. Five columns in update_rows' CASE took seconds per thousand.
        update_rows(Statistic, changed, ["value"], batch_size=UPDATE_BATCH)
        Statistic.objects.filter(pk__in=[statistic.pk for statistic in changed]).update(
            source="", edition=edition, imported_at=now, updated_at=now
        )


def report_lines(report):
    """The report as an editor reads it, line by line: the file and its edition, then per
    indicator and country the new, revised (largest first), unchanged figures and ours that
    the file lacks, as shown to readers; then the rows left out, with why."""
    publisher_file = report.publisher_file
    lines = [
        f"{publisher_file.publisher}, {publisher_file.dataset}; edition "
        f"“{publisher_file.edition or 'not stated'}”.",
        "Asked for: "
        + ("new figures only" if report.only_new else "new figures and revisions")
        + (f", from {report.since} on" if report.since else ", every year")
        + (", every country." if report.all_countries else ", published countries only."),
    ]
    for part in report.indicators:
        lines += ["", *_indicator_lines(part)]
    return lines


def _indicator_lines(part):
    indicator, revisions = part.indicator, part.report
    lines = [
        f"{indicator.name} ({indicator.series}): {len(revisions.new)} new, "
        f"{len(revisions.revised)} revised, {len(revisions.unchanged)} unchanged, "
        f"{len(revisions.not_in_file)} of ours not in the file."
    ]
    for iso2, country in sorted(
        revisions.countries.items(), key=lambda item: part.countries[item[0]].name
    ):
        lines.append(
            f"  {part.countries[iso2].name} ({country.economy_code}): {len(country.new)} new, "
            f"{len(country.revised)} revised, {len(country.unchanged)} unchanged, "
            f"{len(country.not_in_file)} of ours not in the file"
        )
        shown = indicator.format
        for figure in country.revised:
            lines.append(
                f"    revised {figure.year}: {shown(figure.ours)} → {shown(figure.theirs)}"
                f"{_percent(figure.change_percent)}"
            )
        lines += [f"    new {figure.year}: {shown(figure.theirs)}" for figure in country.new]
        lines += [
            f"    ours, not in the file, {figure.year}: {shown(figure.ours)}"
            for figure in country.not_in_file
        ]
    lines += _skipped_lines(revisions.skipped, part.refused)
    return lines


def _percent(percent):
    if percent is None:
        return ""
    sign = "+" if percent > 0 else "−" if percent < 0 else ""
    return f" ({sign}{abs(percent)}%)"


def _skipped_lines(skipped, refused):
    if not skipped:
        return []
    economies, rows = {}, {}
    for row in skipped:
        counts = economies if row.year is None else rows
        counts[row.reason] = counts.get(row.reason, 0) + 1
    lines = ["  Left out:"]
    lines += [
        f"    {count} {'economy' if count == 1 else 'economies'}: {reason}"
        for reason, count in economies.items()
    ]
    lines += [
        f"    {count} {'row' if count == 1 else 'rows'}: {reason}" for reason, count in rows.items()
    ]
    # A figure the site's rules refuse is named: the editor may want to look at it.
    lines += [f"      {row.name} ({row.code}) {row.year}: {row.reason}" for row in refused]
    return lines
