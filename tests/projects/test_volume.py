import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from projects.models import Activity, Phase, Project

pytestmark = pytest.mark.django_db


def _volume(**counts):
    call_command("seed_volume", *[f"--{k}={v}" for k, v in counts.items()])
    return Project.objects.filter(slug__startswith="volume-")


def test_seed_volume_creates_exactly_the_numbers_asked(capsys):
    projects = _volume(projects=7, activities=300)
    assert projects.count() == 7
    assert Activity.objects.filter(project__in=projects).count() == 300
    assert "7 projecten" in capsys.readouterr().out


def test_every_volume_project_has_four_phases_one_current():
    projects = _volume(projects=5, activities=50)
    for project in projects:
        assert project.phases.count() == 4
        assert project.phases.filter(is_current=True).count() == 1


def test_volume_activities_have_a_phase_of_their_project_and_themes():
    _volume(projects=4, activities=120)
    activities = Activity.objects.select_related("phase")
    assert all(a.phase.project_id == a.project_id for a in activities)
    assert Activity.themes.through.objects.filter(activity__in=activities).exists()


def test_second_run_replaces_the_volume_projects():
    _volume(projects=6, activities=100)
    projects = _volume(projects=3, activities=40)
    assert projects.count() == 3
    assert Activity.objects.count() == 40
    assert Phase.objects.filter(project__slug__startswith="volume-").count() == 12


def test_seed_volume_leaves_other_projects_alone():
    call_command("seed_demo")
    demo = Activity.objects.count()
    _volume(projects=2, activities=10)
    _volume(projects=2, activities=10)
    assert Activity.objects.exclude(project__slug__startswith="volume-").count() == demo


def test_seed_volume_refuses_in_production():
    root = Path(__file__).resolve().parent.parent.parent
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "x",
        "SITE_URL": "https://x.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_volume", "--projects=1", "--activities=1"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "productie" in result.stderr
