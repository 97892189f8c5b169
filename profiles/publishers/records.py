"""What every publisher's file is read into: its provenance and its observations."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

WORLD_BANK = "World Bank"
UN_DESA = "UN DESA"

# Plain decimal text as the publishers write it: no thousands separators, no "NaN",
# no "1_000" (which Decimal would take).
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")


class PublisherFileRefused(Exception):
    """The file is not one of the publishers' files we read, or it is damaged.

    The message is one sentence for the editor: what was found and what was expected.
    """


@dataclass(frozen=True, slots=True)
class Observation:
    """One value of one series for one economy and year, as the publisher gives it."""

    economy_code: str  # as given: "LSO" (World Bank), "426" (UN DESA's M49 code)
    economy_name: str
    series: str  # "BX.TRF.PWKR.CD.DT", "CNMR", "IMS_STOCK_TOTAL"...
    year: int
    value: Decimal | None  # in the publisher's unit; None where the file has no value


@dataclass(frozen=True)
class PublisherFile:
    publisher: str  # WORLD_BANK or UN_DESA
    dataset: str  # "World Development Indicators", "International Migrant Stock 2024"...
    edition: str  # "2025-07-01", "POP/DB/MIG/Stock/Rev.2024", "WPP2024"; "" if unstated
    citation: str  # how the publisher asks to be cited
    licence: str
    series_names: dict[str, str]  # series code -> the publisher's name for it
    observations: tuple[Observation, ...] = field(repr=False)

    def of_series(self, code):
        """The observations of one series: what compare() takes, one indicator at a time."""
        return [observation for observation in self.observations if observation.series == code]


def parse_number(text, where):
    """Decimal from a publisher's cell text; "" is a missing value. `where` names the cell
    in the refusal ("line 7, 1990")."""
    if text == "":
        return None
    if not NUMBER.fullmatch(text):
        raise PublisherFileRefused(
            f"The value at {where} is “{text[:40]}”, where a number or an empty cell was "
            "expected: the file is damaged or was edited. Download it again from the publisher."
        )
    return Decimal(text)


def without_repeats(observations):
    """Each economy, series and year once. UN DESA lists some regions under two groupings
    (Australia and New Zealand, 927), with the same figures: one is kept. Two different
    values would leave us to guess, so the file is refused."""
    kept = {}
    for observation in observations:
        key = (observation.economy_code, observation.series, observation.year)
        first = kept.setdefault(key, observation)
        if first.value != observation.value:
            raise PublisherFileRefused(
                f"The file gives {observation.economy_name} ({observation.economy_code}), "
                f"{observation.series}, {observation.year} twice, as {first.value} and "
                f"{observation.value}: it was edited or put together from several files."
            )
    return tuple(kept.values())


def whole_rows(reader, header, download_again):
    """The rows of a CSV file after its header, blank lines skipped. A row with more or fewer
    fields than the header is refused: a download cut short ends in a partial line."""
    for row in reader:
        if not any(row):
            continue
        if len(row) != len(header):
            raise PublisherFileRefused(
                f"Line {reader.line_num} has {len(row)} fields where the header has "
                f"{len(header)}: the file was cut short or damaged. {download_again}"
            )
        yield row
