"""Brute force on the admin's sign-in is stopped (django-axes); passwords are long."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

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


def test_behind_the_proxy_the_client_is_the_address_the_proxy_appended(client, amina, settings):
    settings.TRUST_X_FORWARDED_PROTO = True
    for _ in range(5):
        client.post(
            reverse("admin:login"),
            {"username": "amina", "password": "wrong-password"},
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR=f"192.0.2.77, {ATTACKER}",  # forged first entry, real last
        )
    assert AccessAttempt.objects.get().ip_address == ATTACKER


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
