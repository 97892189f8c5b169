"""Telephone numbers, websites and email addresses of offices: accepted as published,
refused with a clear message in the admin."""

import pytest
from django.core.exceptions import ValidationError

from contacts.models import Office
from contacts.validators import phone_uri, validate_international_phone, validate_website
from tests.helpers import form_errors, post_office

INTERNATIONAL_FORM = (
    "Enter the number in international form, starting with + and the country code, "
    "e.g. +27 12 342 14 97."
)
INVALID_FOR_COUNTRY = "This is not a valid telephone number for its country code. Check the digits."
LETTERS = "Write the number in digits: letters are not allowed, e.g. +27 12 342 14 97."

VALID_PHONES = [
    # (as typed, tel: link)
    ("+27 12 342 14 97", "tel:+27123421497"),
    ("+27 12 34 20 932", "tel:+27123420932"),
    ("+221 33 869 62 00", "tel:+221338696200"),
    ("+44 20 7946 0958", "tel:+442079460958"),
    ("+27 (12) 342-1497", "tel:+27123421497"),
]


@pytest.mark.parametrize(("number", "uri"), VALID_PHONES, ids=[n for n, _ in VALID_PHONES])
def test_valid_phone_is_accepted_and_linked(number, uri):
    validate_international_phone(number)
    assert phone_uri(number) == uri


INVALID_PHONES = [
    # (as typed, message, id)
    ("27 12 342 14 97", INTERNATIONAL_FORM, "without-plus"),
    ("012 342 14 97", INTERNATIONAL_FORM, "national-form"),
    ("+", INTERNATIONAL_FORM, "plus-alone"),
    ("+999 123 456", INTERNATIONAL_FORM, "unknown-country-code"),
    ("+27 12 342 CALL", LETTERS, "vanity-letters"),
    ("+27 12 342 14 97 ext. 5", LETTERS, "extension-in-words"),
    ("+27 12 342 14 9x", LETTERS, "trailing-letter"),
    ("+27 12 342", INVALID_FOR_COUNTRY, "too-short-for-south-africa"),
    ("+27 12 342 14 97 12", INVALID_FOR_COUNTRY, "too-long-for-south-africa"),
    ("+1 555 0100", INVALID_FOR_COUNTRY, "invalid-for-north-america"),
]


@pytest.mark.parametrize(
    ("number", "message"),
    [row[:2] for row in INVALID_PHONES],
    ids=[row[2] for row in INVALID_PHONES],
)
def test_invalid_phone_is_refused_with_a_clear_message(number, message):
    with pytest.raises(ValidationError) as error:
        validate_international_phone(number)
    assert error.value.messages == [message]


def test_unparseable_phone_saved_without_validation_is_not_linked():
    assert phone_uri("call the switchboard") == ""


@pytest.mark.parametrize("url", ["https://ropretoria.iom.int/", "http://www.iom.int/lesotho"])
def test_web_address_is_accepted(url):
    validate_website(url)


@pytest.mark.parametrize(
    "url",
    ["ftp://ropretoria.iom.int/", "javascript:alert(1)", "mailto:ropretoria@iom.int", "iom"],
)
def test_other_address_is_refused(url):
    with pytest.raises(ValidationError):
        validate_website(url)


# --- The same rules in the admin form --------------------------------------------------------

ADMIN_REFUSED = [
    # (field, value, message, id)
    ("telephone", "012 342 14 97", INTERNATIONAL_FORM, "telephone-without-plus"),
    ("telephone", "+27 12 342 CALL", LETTERS, "telephone-with-letters"),
    ("fax", "+27 12 342", INVALID_FOR_COUNTRY, "fax-invalid-for-country"),
    ("website", "ftp://ropretoria.iom.int/", "Enter a valid URL.", "website-ftp"),
    ("website", "javascript:alert(1)", "Enter a valid URL.", "website-javascript"),
    ("email", "ropretoria@", "Enter a valid email address.", "email-without-domain"),
    ("email", "ropretoria iom.int", "Enter a valid email address.", "email-without-at"),
]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [row[:3] for row in ADMIN_REFUSED],
    ids=[row[3] for row in ADMIN_REFUSED],
)
def test_admin_refuses_bad_contact_details(editor_client, field, value, message):
    response = post_office(editor_client, **{field: value})
    assert form_errors(response)[field] == [message]
    assert not Office.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("website", "http://ropretoria.iom.int/"),
        ("website", "https://ropretoria.iom.int/"),
        ("telephone", "+27 12 342 14 97"),
        ("fax", "+27 12 34 20 932"),
        ("telephone", ""),
        ("email", ""),
    ],
    ids=["http", "https", "seed-telephone", "seed-fax", "no-telephone", "no-email"],
)
def test_admin_accepts_contact_details(editor_client, field, value):
    assert post_office(editor_client, **{field: value}).status_code == 302
    assert getattr(Office.objects.get(slug="southern-africa"), field) == value
