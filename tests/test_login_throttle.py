"""Signing in to the admin is throttled (django-axes): five failures for one user
name from one address lock that pair, even against the right password, until the
cool-off passes or an admin unlocks it."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

LOGIN = reverse("admin:login")
RIGHT = "right-password-4071"


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    # Each sign-in checks a password: a fast hasher keeps these tests short.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(db):
    return User.objects.create_user("editor", password=RIGHT, is_staff=True)


def sign_in(client: Client, password: str, username: str = "editor", **extra):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, **extra
    )


def signed_in(client: Client) -> bool:
    return client.get("/admin/").status_code == 200


def fail_five_times(client: Client, **extra) -> None:
    for attempt in range(4):
        response = sign_in(client, f"wrong-{attempt}", **extra)
        assert response.status_code == 200  # the sign-in form again, with its error
        assert b"Please enter the correct username and password" in response.content
    # The fifth failure locks, and says so.
    response = sign_in(client, "wrong-4", **extra)
    assert response.status_code == 429
    assert b"Sign-in locked" in response.content


def test_the_sixth_sign_in_is_refused_even_with_the_right_password(client, editor):
    fail_five_times(client)
    response = sign_in(client, RIGHT)
    assert response.status_code == 429
    assert b"Sign-in locked" in response.content
    assert not signed_in(client)


def test_the_right_password_before_the_limit_signs_in_and_resets_the_count(client, editor):
    for attempt in range(4):
        sign_in(client, f"wrong-{attempt}")
    assert sign_in(client, RIGHT).status_code == 302
    assert signed_in(client)
    client.logout()
    # The count started again: four more failures do not lock.
    for attempt in range(4):
        sign_in(client, f"wrong-again-{attempt}")
    assert sign_in(client, RIGHT).status_code == 302


def test_the_lock_holds_one_user_at_one_address(client, editor, db):
    User.objects.create_user("colleague", password=RIGHT, is_staff=True)
    fail_five_times(client)
    elsewhere = Client(REMOTE_ADDR="192.0.2.7")
    assert sign_in(elsewhere, RIGHT).status_code == 302
    assert sign_in(Client(), RIGHT, username="colleague").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, editor, settings):
    fail_five_times(client)
    assert sign_in(client, RIGHT).status_code == 429
    later = timezone.now() - settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=later)
    assert sign_in(client, RIGHT).status_code == 302
    assert signed_in(client)


def test_an_admin_unlocks_it(client, editor):
    fail_five_times(client)
    admin = Client(REMOTE_ADDR="192.0.2.9")
    admin.force_login(User.objects.create_superuser("boss", password="boss-password-5512"))
    attempts = reverse("admin:axes_accessattempt_changelist")
    listing = admin.get(attempts)
    assert b"editor" in listing.content
    response = admin.post(
        attempts,
        {
            "action": "delete_selected",
            "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert sign_in(client, RIGHT).status_code == 302
    assert signed_in(client)


@override_settings(PROXY_COUNT=1)
def test_behind_a_proxy_the_address_it_saw_is_counted(client, editor):
    # One proxy: it appends the client's address to whatever the client sent, so
    # the right-most entry is the one counted; the left-most could be forged.
    fail_five_times(client, HTTP_X_FORWARDED_FOR="10.0.0.1, 198.51.100.4")
    forged = sign_in(client, RIGHT, HTTP_X_FORWARDED_FOR="10.0.0.2, 198.51.100.4")
    assert forged.status_code == 429
    other = sign_in(Client(), RIGHT, HTTP_X_FORWARDED_FOR="198.51.100.5")
    assert other.status_code == 302
