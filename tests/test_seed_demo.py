import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from projects.models import Membership, Project, User

pytestmark = pytest.mark.django_db
DEMO_LOGINS = [
    "admin@example.org",
    "designer@example.org",
    "client@example.org",
    "client2@example.org",
    "partner@example.org",
]


def _counts():
    return (User.objects.count(), Project.objects.count(), Membership.objects.count())


def test_seed_demo_is_idempotent(capsys):
    call_command("seed_demo")
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first
    out = capsys.readouterr().out
    for email in DEMO_LOGINS:
        assert email in out


@pytest.mark.parametrize("email", DEMO_LOGINS)
def test_every_demo_account_can_log_in(client, email, password):
    call_command("seed_demo")
    assert client.login(username=email, password=password)


def test_demo_clients_see_only_their_own_organisations_projects():
    call_command("seed_demo")
    first = User.objects.get(email="client@example.org")
    second = User.objects.get(email="client2@example.org")
    mine = set(Project.objects.visible_to(first))
    theirs = set(Project.objects.visible_to(second))
    assert mine and theirs and not mine & theirs


def test_seed_demo_refuses_in_production():
    root = Path(__file__).resolve().parent.parent
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_ENV": "production",
        "SECRET_KEY": "a-long-enough-secret-for-this-refusal-test-0123456789",
        "ALLOWED_HOSTS": "example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "productie" in result.stderr
