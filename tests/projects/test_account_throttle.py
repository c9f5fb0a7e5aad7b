"""The second login throttle, per account: a password spray from many addresses is refused after
20 failures for one e-mail address within an hour; the owner can still reset the password."""

import datetime

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

THROTTLED = "Voor dit e-mailadres zijn het afgelopen uur te vaak verkeerde wachtwoorden geprobeerd."
START = datetime.datetime(2026, 12, 31, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(START, tick=False)
    return time_machine


def _login(user_or_email, password, address):
    email = getattr(user_or_email, "email", user_or_email)
    return Client(REMOTE_ADDR=address).post(
        reverse("login"), {"username": email, "password": password}
    )


def _spray(email, times):
    # Every guess from a new address: the pair throttle (e-mail + IP) never trips.
    return [_login(email, "fout-wachtwoord", f"198.51.100.{n}").status_code for n in range(times)]


def test_twenty_failures_from_twenty_addresses_refuse_even_the_right_password(
    clock, world, password
):
    assert set(_spray(world.client_a.email, 20)) == {200}
    response = _login(world.client_a, password, "203.0.113.50")
    assert response.status_code == 429
    page = response.content.decode()
    assert THROTTLED in page
    assert reverse("password_reset") in page
    assert "_auth_user_id" not in response.wsgi_request.session


def test_nineteen_failures_still_let_the_owner_in(clock, world, password):
    _spray(world.client_a.email, 19)
    assert _login(world.client_a, password, "203.0.113.50").status_code == 302


def test_the_count_is_per_account_and_case_folded(clock, world, password):
    _spray(world.client_a.email.upper(), 20)
    assert _login(world.client_a, password, "203.0.113.50").status_code == 429
    assert _login(world.client_b, password, "203.0.113.50").status_code == 302


def test_refused_attempts_are_not_counted_so_the_window_slides(clock, world, password):
    _spray(world.client_a.email, 20)
    clock.shift(datetime.timedelta(minutes=30))
    assert _login(world.client_a, "nog-een-gok", "203.0.113.51").status_code == 429
    clock.shift(datetime.timedelta(minutes=31))
    assert _login(world.client_a, password, "203.0.113.50").status_code == 302


def test_a_password_reset_by_the_owner_lets_them_in_at_once(clock, world, password):
    user = world.client_a
    _spray(user.email, 20)
    browser = Client(REMOTE_ADDR="203.0.113.50")
    link = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    form_page = browser.get(link, follow=True)
    assert form_page.status_code == 200
    new_password = "een-nieuw-lang-wachtwoord-42"
    done = browser.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert _login(user, new_password, "203.0.113.50").status_code == 302


def test_the_admin_login_is_under_the_same_throttle(clock, world, password):
    _spray(world.admin.email, 20)
    admin_login = Client(REMOTE_ADDR="203.0.113.50").post(
        reverse("admin:login"), {"username": world.admin.email, "password": password}
    )
    assert THROTTLED in admin_login.content.decode()
    assert "_auth_user_id" not in admin_login.wsgi_request.session


def test_a_spray_through_the_admin_login_counts_too(clock, world, password):
    for n in range(20):
        Client(REMOTE_ADDR=f"198.51.100.{n}").post(
            reverse("admin:login"), {"username": world.admin.email, "password": "fout"}
        )
    assert _login(world.admin, password, "203.0.113.50").status_code == 429


def test_failed_logins_are_forgotten_after_a_week(clock, world):
    from axes.models import AccessFailureLog

    from core.tasks import forget_old_login_failures

    _spray(world.client_a.email, 3)
    clock.shift(datetime.timedelta(days=6))
    _spray(world.client_b.email, 2)
    clock.shift(datetime.timedelta(days=1, minutes=1))
    assert forget_old_login_failures.apply().get() == 3
    assert set(AccessFailureLog.objects.values_list("username", flat=True)) == {
        world.client_b.email
    }
