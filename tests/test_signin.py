"""Brute force on the admin's sign-in is stopped (django-axes); passwords are long."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.throttling import AnonRateThrottle

from tests.processes import run_django

PASSWORD = "the-right-password"
ATTACKER = "203.0.113.9"
COLLEAGUE = "198.51.100.4"


@pytest.fixture
def amina(django_user_model):
    return django_user_model.objects.create_user("amina", password=PASSWORD, is_staff=True)


def sign_in(client, password, username="amina", address=ATTACKER):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def fail(client, times, **kwargs):
    for _ in range(times):
        response = sign_in(client, "wrong-password", **kwargs)
        assert response.status_code == 200  # the form again, with its error
        assert "Please enter the correct username and password" in response.text


def lock(client, **kwargs):
    fail(client, 4, **kwargs)
    assert sign_in(client, "wrong-password", **kwargs).status_code == 429


def test_four_wrong_passwords_still_let_the_right_one_in(client, amina):
    fail(client, 4)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_the_fifth_wrong_password_locks_the_pair_for_an_hour(client, amina):
    fail(client, 4)
    response = sign_in(client, "wrong-password")
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Sign-in locked" in response.text
    assert "5 times in a row" in response.text
    assert "locked for an hour" in response.text
    # Even the right password is refused now, with the same page.
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_is_for_the_pair_only(client, amina, django_user_model):
    django_user_model.objects.create_user("bongani", password=PASSWORD, is_staff=True)
    lock(client)
    # The same person from another address, and another person from the same address.
    assert sign_in(client, PASSWORD, address=COLLEAGUE).status_code == 302
    client.logout()
    assert sign_in(client, PASSWORD, username="bongani").status_code == 302


# What a client may put in X-Forwarded-For itself: nothing, an address, several, rubbish.
FORGED_HEADERS = {
    "none": [None] * 5,
    "a-new-address-each-time": [f"192.0.2.{n}" for n in range(5)],
    "a-new-chain-each-time": [f"192.0.2.{n}, 198.51.100.{n}" for n in range(5)],
    "ipv6": [f"2001:db8::{n}" for n in range(5)],
    "rubbish": ["not an address", "", ",,,", "999.1.1.1", "unknown"],
}


def fail_with_headers(client, headers, address=ATTACKER):
    for forged in headers:
        extra = {} if forged is None else {"HTTP_X_FORWARDED_FOR": forged}
        response = client.post(
            reverse("admin:login"),
            {"username": "amina", "password": "wrong-password"},
            REMOTE_ADDR=address,
            **extra,
        )
    return response


@pytest.mark.parametrize("headers", FORGED_HEADERS.values(), ids=FORGED_HEADERS)
def test_with_no_proxy_configured_a_forged_header_does_not_escape_the_lock(client, amina, headers):
    assert fail_with_headers(client, headers).status_code == 429
    assert AccessAttempt.objects.get().ip_address == ATTACKER
    response = sign_in(client, PASSWORD, address=ATTACKER)
    assert response.status_code == 429


def test_production_configures_no_proxy_unless_told(settings):
    assert settings.NUM_PROXIES == 0
    result = run_django(
        "from django.conf import settings; "
        "print(settings.NUM_PROXIES, settings.REST_FRAMEWORK['NUM_PROXIES'])",
        DEBUG="false",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "0"]


@pytest.mark.parametrize("proxies", [1, 2])
@pytest.mark.parametrize("headers", FORGED_HEADERS.values(), ids=FORGED_HEADERS)
def test_behind_proxies_the_client_is_the_address_the_first_proxy_appended(
    client, amina, settings, proxies, headers
):
    """The proxies each append what they saw: the client's forged entries come first and
    change every time; the real address stands `proxies` entries from the end."""
    settings.NUM_PROXIES = proxies
    appended = [ATTACKER, "10.0.0.3"][:proxies]
    chains = [", ".join(filter(None, [forged, *appended])) for forged in headers]
    response = fail_with_headers(client, chains, address=f"10.0.0.{proxies + 1}")
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == ATTACKER


def test_behind_a_proxy_a_colleague_is_not_locked_with_the_attacker(client, amina, settings):
    settings.NUM_PROXIES = 1
    fail_with_headers(client, [ATTACKER] * 5, address="10.0.0.2")
    response = client.post(
        reverse("admin:login"),
        {"username": "amina", "password": PASSWORD, "next": reverse("admin:index")},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=COLLEAGUE,
    )
    assert response.status_code == 302


@pytest.mark.parametrize("proxies", [0, 1])
def test_the_api_rate_limit_counts_the_same_client(client, db, settings, monkeypatch, proxies):
    """DRF's throttle reads X-Forwarded-For by its own setting: forged entries must not
    give a client a fresh allowance either."""
    settings.PAGE_CACHE = False
    if proxies:  # as NUM_PROXIES=1 in the environment sets them; 0 is the default
        settings.NUM_PROXIES = proxies
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": proxies}
    # The rate is read when DRF's class is defined; three is enough to see the fourth refused.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    statuses = [
        client.get(
            reverse("api:indicator-list"),
            REMOTE_ADDR="10.0.0.2" if proxies else ATTACKER,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}",
        ).status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


def test_an_administrator_sees_the_attempts_and_unlocks(client, amina, admin_client):
    lock(client)
    attempts = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert attempts.status_code == 200
    assert "amina" in attempts.text
    attempt = AccessAttempt.objects.get(username="amina")
    assert attempt.failures_since_start == 5
    response = admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert sign_in(client, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        pytest.param("short-pw1", False, id="nine-characters"),
        pytest.param("elevenchars", False, id="eleven-characters"),
        pytest.param("iom-demo-editor", True, id="the-demo-password"),
        pytest.param("password1234", False, id="common"),
        pytest.param("283749102938", False, id="numeric"),
    ],
)
def test_passwords_are_twelve_characters_or_more_and_not_common(password, accepted):
    try:
        validate_password(password)
    except ValidationError:
        assert not accepted
    else:
        assert accepted
