"""One indicator for every economy, straight from the World Bank's API (v2, JSON).

The API answers in pages, each `[{page, pages, per_page, total, sourceid, lastupdated},
[rows]]`. Every page is fetched and the rows are put together into one answer of the same
shape, which `read_publisher_file` reads as it reads an answer saved to a file. The rows are
copied as the API wrote them, so no value loses a digit on the way.
"""

import http.client
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings

from profiles.publishers.records import PublisherFileRefused

# Rows asked for in each request: a whole indicator (some 17,000 rows) in four requests.
PER_PAGE = 5000
# Far more than any indicator's answer; a server sending without end is cut off here.
MAX_PAGE_BYTES = 50 * 1024 * 1024
CHUNK_BYTES = 64 * 1024
SERIES_CODE = re.compile(r"[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*")
OR_DOWNLOAD = "download the file and refresh from it"


class WorldBankApiFailed(PublisherFileRefused):
    """The API did not give the indicator; the message is one sentence for the editor."""


def fetch_indicator(series_code, *, base_url=None, timeout=None, per_page=PER_PAGE):
    """The indicator `series_code` ("SP.POP.TOTL") for every economy and year, as the bytes
    of one World Bank API answer, or WorldBankApiFailed. `base_url` and `timeout` (seconds
    for each request) default to the settings WORLD_BANK_API_URL and WORLD_BANK_API_TIMEOUT.
    """
    if not SERIES_CODE.fullmatch(series_code):
        raise WorldBankApiFailed(
            f"“{series_code[:40]}” is not a World Bank series code, such as SP.POP.TOTL."
        )
    base_url = (base_url or settings.WORLD_BANK_API_URL).rstrip("/")
    timeout = timeout or settings.WORLD_BANK_API_TIMEOUT
    if urllib.parse.urlsplit(base_url).scheme not in ("http", "https"):
        raise WorldBankApiFailed(
            f"The World Bank API's address “{base_url[:60]}” does not start with https:// or "
            "http://: correct WORLD_BANK_API_URL."
        )
    address = f"{base_url}/v2/country/all/indicator/{series_code}"
    first = _page(address, 1, per_page, timeout)
    rows = list(first.rows)
    for number in range(2, first.pages + 1):
        page = _page(address, number, per_page, timeout)
        if (page.number, page.pages, page.total, page.edition) != (
            number,
            first.pages,
            first.total,
            first.edition,
        ):
            raise WorldBankApiFailed(
                f"The World Bank's API changed its answer while it was read (page 1 of "
                f"{first.pages}, {first.total} rows, updated {first.edition}; then page "
                f"{page.number} of {page.pages}, {page.total} rows, updated {page.edition}): "
                "the indicator is being updated; try again in a few minutes."
            )
        rows.extend(page.rows)
    if len(rows) != first.total:
        raise WorldBankApiFailed(
            f"The World Bank's API announced {first.total} rows and gave {len(rows)}: "
            f"try again later, or {OR_DOWNLOAD}."
        )
    information = json.dumps(
        {
            "page": 1,
            "pages": 1,
            "per_page": len(rows),
            "total": len(rows),
            "sourceid": first.source,
            "lastupdated": first.edition,
        }
    )
    return f"[{information},[{','.join(rows)}]]".encode()


class _Page:
    def __init__(self, information, rows):
        self.number = information.get("page")
        self.pages = information.get("pages")
        self.total = information.get("total")
        self.source = information.get("sourceid")
        self.edition = information.get("lastupdated")
        self.rows = rows  # each row's JSON text, as the API wrote it


def _page(address, number, per_page, timeout):
    query = urllib.parse.urlencode({"format": "json", "per_page": per_page, "page": number})
    text = _get(f"{address}?{query}", timeout)
    try:
        answer = json.loads(text)
    except ValueError:
        raise WorldBankApiFailed(
            f"The World Bank's API answered page {number} with something other than JSON "
            f"(“{text[:60].strip()}”): try again later, or {OR_DOWNLOAD}."
        ) from None
    if isinstance(answer, list) and answer and isinstance(answer[0], dict):
        messages = answer[0].get("message")
        if isinstance(messages, list) and messages and isinstance(messages[0], dict):
            raise WorldBankApiFailed(
                "The World Bank's API refused the request: "
                f"“{str(messages[0].get('value', ''))[:120]}” (check the series code)."
            )
    if not (
        isinstance(answer, list)
        and len(answer) == 2
        and isinstance(answer[0], dict)
        and isinstance(answer[1], list | None)
        and all(isinstance(answer[0].get(key), int) for key in ("page", "pages", "total"))
    ):
        raise WorldBankApiFailed(
            f"The World Bank's API answered page {number} in a shape other than its own "
            f"(the page information, then the rows): try again later, or {OR_DOWNLOAD}."
        )
    return _Page(answer[0], _row_texts(text))


def _row_texts(text):
    """The text of each row of a page that json.loads has read: the second element of the
    outer list, taken apart without reading the numbers into floats."""
    decoder, rows = json.JSONDecoder(), []
    index = _after_space(text, text.index("[") + 1)
    _, index = decoder.raw_decode(text, index)  # the page information
    index = _after_space(text, _after_space(text, index) + 1)  # past the comma
    if text.startswith("null", index):
        return rows
    index = _after_space(text, index + 1)  # past the rows' opening bracket
    while text[index] != "]":
        _, end = decoder.raw_decode(text, index)
        rows.append(text[index:end])
        index = _after_space(text, end)
        if text[index] == ",":
            index = _after_space(text, index + 1)
    return rows


def _after_space(text, index):
    while text[index] in " \t\r\n":
        index += 1
    return index


def _get(url, timeout):
    """The answer's text. `timeout` bounds each wait for the server, and the whole request
    may take at most twice that: a server that answers a byte at a time is cut off too."""
    deadline = time.monotonic() + 2 * timeout
    # The scheme was checked to be http or https in fetch_indicator.
    request = urllib.request.Request(  # noqa: S310
        url, headers={"Accept": "application/json", "User-Agent": "Country Pages (IOM)"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            chunks, size = [], 0
            while chunk := response.read(CHUNK_BYTES):
                chunks.append(chunk)
                size += len(chunk)
                if time.monotonic() > deadline:
                    raise TimeoutError
                if size > MAX_PAGE_BYTES:
                    raise WorldBankApiFailed(
                        f"The World Bank's API answered with more than "
                        f"{MAX_PAGE_BYTES // 2**20} MB for one page: {OR_DOWNLOAD}."
                    )
    except urllib.error.HTTPError as error:
        raise WorldBankApiFailed(
            f"The World Bank's API answered with an error (HTTP {error.code} {error.reason}): "
            f"try again later, or {OR_DOWNLOAD}."
        ) from None
    except (TimeoutError, urllib.error.URLError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(error, TimeoutError) or isinstance(reason, TimeoutError):
            raise WorldBankApiFailed(
                f"The World Bank's API did not answer within {timeout:g} seconds: it may be "
                f"down or busy; try again later, or {OR_DOWNLOAD}."
            ) from None
        raise WorldBankApiFailed(
            f"The World Bank's API did not answer ({reason}): check the connection, or "
            f"{OR_DOWNLOAD}."
        ) from None
    except (OSError, ValueError, http.client.HTTPException) as error:  # reset, cut short
        raise WorldBankApiFailed(
            f"The World Bank's API did not answer ({error}): check the connection, or "
            f"{OR_DOWNLOAD}."
        ) from None
    data = b"".join(chunks)
    try:
        return data.decode("utf-8-sig")  # a byte order mark, if any, is no part of the JSON
    except UnicodeDecodeError:
        raise WorldBankApiFailed(
            f"The World Bank's API answered with text that is not UTF-8: try again later, or "
            f"{OR_DOWNLOAD}."
        ) from None
