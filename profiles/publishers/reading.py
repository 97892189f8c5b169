"""Which publisher's file this is, told from its content (never its name), and reading it."""

import csv
import dataclasses
import zlib

from profiles.publishers import migrant_stock, population_prospects, world_bank
from profiles.publishers.records import PublisherFileRefused, without_repeats

EXPECTED = (
    "the World Bank's CSV download (API_..._DS2_en_csv_v2_....csv), a saved answer of the "
    "World Bank API in JSON, UN DESA's International Migrant Stock “Destination” workbook "
    "(XLSX), or UN DESA's World Population Prospects demographic indicators CSV "
    "(may be gzipped)"
)
GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"  # XLSX workbooks are ZIP archives
BOM = b"\xef\xbb\xbf"
# The whole WPP demographic indicators file unpacks to some 70 MB; far more is no such file.
MAX_UNPACKED = 300 * 1024 * 1024


def read_publisher_file(data: bytes, filename: str = ""):
    """The file as a PublisherFile, or PublisherFileRefused with the sentence to show.

    `filename` is used only for what the content does not say: the edition of a World
    Population Prospects file ("WPP2024_...").
    """
    if not data:
        raise PublisherFileRefused(f"The file is empty; expected {EXPECTED}.")
    if data.startswith(GZIP_MAGIC):
        data = _gunzip(data)
    if data.startswith(ZIP_MAGIC):
        publisher_file = migrant_stock.read_workbook(data)
    else:
        try:
            publisher_file = _read_text(_decode(data), filename)
        except csv.Error as error:  # a cell past the csv module's size limit, say
            raise PublisherFileRefused(
                f"The file cannot be read as CSV ({error}): it is damaged. Download it again."
            ) from None
    if not publisher_file.observations:
        raise PublisherFileRefused("The file holds no figures: it has its header and no rows.")
    return dataclasses.replace(
        publisher_file, observations=without_repeats(publisher_file.observations)
    )


def _gunzip(data):
    unpacker = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)  # gzip's header and trailer
    try:
        unpacked = unpacker.decompress(data, MAX_UNPACKED)
    except zlib.error:
        raise PublisherFileRefused(
            "The file starts like a gzip archive but cannot be unpacked: it is damaged or cut "
            "short. Download it again."
        ) from None
    if unpacker.unconsumed_tail:
        raise PublisherFileRefused(
            f"The gzip archive unpacks to more than {MAX_UNPACKED // 2**20} MB, far more than "
            f"any of the files expected: {EXPECTED}."
        )
    if not unpacker.eof:
        raise PublisherFileRefused(
            "The gzip archive is cut short: its end is missing. Download it again."
        )
    if not unpacked:
        raise PublisherFileRefused(f"The gzip archive holds an empty file; expected {EXPECTED}.")
    return unpacked


def _decode(data):
    try:
        return data.decode("utf-8-sig")  # the World Bank's files start with a byte order mark
    except UnicodeDecodeError:
        pass
    if data[:1] == b"\xff" and data[1:2] != b"\xfe" and _is_utf8(data[1:]):
        # Seen on a World Bank download: the three bytes of the mark became one.
        raise PublisherFileRefused(
            "The file's first byte is FF where a UTF-8 file starts with its byte order mark "
            "(EF BB BF) or with text: the file was damaged on its way. Download it again from "
            "the publisher."
        ) from None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise PublisherFileRefused(
            "The file is UTF-16 text, as a spreadsheet saves “Unicode text”, where the "
            "publishers write UTF-8: download it again from the publisher, and open it in no "
            "spreadsheet before importing it."
        ) from None
    raise PublisherFileRefused(
        f"The file is neither UTF-8 text nor an XLSX workbook; expected {EXPECTED}."
    ) from None


def _is_utf8(data):
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _read_text(text, filename):
    if not text.strip():
        raise PublisherFileRefused(f"The file holds only blank space; expected {EXPECTED}.")
    first_line = text.lstrip()[:500].splitlines()[0]
    if world_bank.is_bulk_csv(first_line):
        return world_bank.read_bulk_csv(text, first_line)
    if world_bank.is_api_answer(first_line):
        return world_bank.read_api_answer(text)
    if population_prospects.is_demographic_indicators(first_line):
        return population_prospects.read_csv(text, filename)
    if world_bank.is_country_metadata(first_line):
        raise PublisherFileRefused(
            "This is the World Bank's list of economies (Metadata_Country_...), which holds no "
            "figures: choose the file beside it whose name starts with “API_”."
        )
    if world_bank.is_resaved_table(first_line):
        raise PublisherFileRefused(
            "The file is a World Bank table without the four lines above its header that give "
            "its Last Updated Date: a spreadsheet or a script re-saved it. Download it again "
            "from the World Bank."
        )
    raise PublisherFileRefused(
        f"The file begins “{first_line[:60]}”, which none of the publishers' files does; "
        f"expected {EXPECTED}."
    )
