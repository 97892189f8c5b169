import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# Websites are shown to the public as links: only the web's own schemes.
validate_website = URLValidator(schemes=["http", "https"])


def validate_international_phone(value):
    """Accept a number written in international form, e.g. "+27 12 342 14 97"."""
    message = _(
        "Enter the number in international form, starting with + and the country code, "
        "e.g. +27 12 342 14 97."
    )
    if not value.strip().startswith("+"):
        raise ValidationError(message, code="invalid_phone")
    # phonenumbers reads letters as keypad digits ("CALL" -> 2255): refuse them instead.
    if any(character.isalpha() for character in value):
        raise ValidationError(
            _("Write the number in digits: letters are not allowed, e.g. +27 12 342 14 97."),
            code="invalid_phone",
        )
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(message, code="invalid_phone") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("This is not a valid telephone number for its country code. Check the digits."),
            code="invalid_phone",
        )


def phone_uri(value):
    """The tel: link for a number as the editor typed it: E.164, no spaces."""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return ""  # a number saved without validation is still shown, just not linked
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
