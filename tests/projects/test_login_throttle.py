"""Login throttling (django-axes): five wrong passwords for one e-mail address from one IP, then
15 minutes of a Dutch lockout page, even for the right password."""

import pytest
from django.test import Client
from django.urls import reverse

LOCKED_OUT = (
    "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw of vraag een nieuw "
    "wachtwoord aan."
)


def _login(client, user, password, **extra):
    return client.post(reverse("login"), {"username": user.email, "password": password}, **extra)


def _fail(client, user, times, **extra):
    return [_login(client, user, "fout-wachtwoord", **extra).status_code for _ in range(times)]


def test_right_password_after_five_failures_shows_the_dutch_lockout(client, world, password):
    # The fifth failure already answers with the lockout page.
    assert _fail(client, world.client_a, 5) == [200, 200, 200, 200, 429]
    response = _login(client, world.client_a, password)
    assert response.status_code == 429
    assert LOCKED_OUT in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_still_let_the_right_password_in(client, world, password):
    _fail(client, world.client_a, 4)
    assert _login(client, world.client_a, password).status_code == 302


def test_another_account_from_the_same_ip_still_logs_in(client, world, password):
    _fail(client, world.client_a, 5)
    other = Client()
    assert _login(other, world.client_b, password).status_code == 302


def test_the_same_account_from_another_ip_still_logs_in(client, world, password):
    _fail(client, world.client_a, 5, REMOTE_ADDR="10.0.0.1")
    response = _login(client, world.client_a, password, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 302


def test_without_a_trusted_proxy_a_forged_forwarded_for_changes_nothing(client, world, password):
    for n in range(5):
        _login(client, world.client_a, "fout", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    response = _login(client, world.client_a, password, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 429


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The proxy connects from its own address and appends the one it was reached from.
    return lambda client_ip, forged="": {
        "REMOTE_ADDR": "172.18.0.5",
        "HTTP_X_FORWARDED_FOR": f"{forged}, {client_ip}" if forged else client_ip,
    }


def test_behind_the_proxy_the_forwarded_client_is_locked_out_not_the_proxy(
    client, world, password, behind_one_proxy
):
    _fail(client, world.client_a, 5, **behind_one_proxy("198.51.100.7"))
    locked = _login(client, world.client_a, password, **behind_one_proxy("198.51.100.7"))
    assert locked.status_code == 429
    elsewhere = _login(Client(), world.client_a, password, **behind_one_proxy("198.51.100.8"))
    assert elsewhere.status_code == 302


def test_behind_the_proxy_a_forged_forwarded_for_changes_nothing(
    client, world, password, behind_one_proxy
):
    for n in range(5):
        _login(client, world.client_a, "fout", **behind_one_proxy("198.51.100.7", f"10.9.9.{n}"))
    response = _login(
        client, world.client_a, password, **behind_one_proxy("198.51.100.7", "1.1.1.1")
    )
    assert response.status_code == 429


def test_changing_the_case_of_the_address_does_not_reset_the_count(client, world, password):
    email = world.client_a.email
    for variant in [email, email.upper(), email.title(), email, email.upper()]:
        client.post(reverse("login"), {"username": variant, "password": "fout"})
    assert _login(client, world.client_a, password).status_code == 429
