"""The container setup: docker-compose.yml and the Dockerfile, read as text (no Docker needed)."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
LONG_RUNNING = ["web", "worker", "beat", "db", "redis"]
APP_SERVICES = ["web", "worker", "beat", "migrate"]
HEALTHY = {"condition": "service_healthy"}
COMPLETED = {"condition": "service_completed_successfully"}


@pytest.fixture(scope="module")
def services():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


@pytest.fixture(scope="module")
def dockerfile():
    return (ROOT / "Dockerfile").read_text()


def test_compose_defines_the_long_running_services_and_a_migrate_step(services):
    assert set(LONG_RUNNING + ["migrate"]) <= set(services)


@pytest.mark.parametrize("name", LONG_RUNNING)
def test_every_long_running_service_has_a_healthcheck(services, name):
    assert services[name]["healthcheck"]["test"]


def test_web_waits_for_migrations_and_healthy_services(services):
    depends = services["web"]["depends_on"]
    assert depends["db"] == HEALTHY
    assert depends["redis"] == HEALTHY
    assert depends["migrate"] == COMPLETED


@pytest.mark.parametrize("name", ["worker", "beat"])
def test_celery_services_wait_for_a_healthy_broker_and_migrations(services, name):
    depends = services[name]["depends_on"]
    assert depends["redis"] == HEALTHY
    assert depends["migrate"] == COMPLETED


def test_app_services_share_one_image_and_reach_db_and_redis_by_service_name(services):
    configs = {(services[n]["build"], services[n]["image"]) for n in APP_SERVICES}
    assert len(configs) == 1
    for name in APP_SERVICES:
        env = services[name]["environment"]
        assert re.fullmatch(r"postgres://[^@]+@db:5432/\w+", env["DATABASE_URL"]), name
        assert env["CELERY_BROKER_URL"].startswith("redis://redis:6379/"), name
        assert env["CACHE_URL"].startswith("redis://redis:6379/"), name
        assert env["CACHE_URL"] != env["CELERY_BROKER_URL"], name


def test_web_runs_gunicorn(services):
    assert "gunicorn" in services["web"]["command"]


@pytest.mark.parametrize("name", APP_SERVICES)
def test_secret_key_comes_from_the_environment_without_a_default(services, name):
    secret = services[name]["environment"]["SECRET_KEY"]
    assert re.fullmatch(r"\$\{SECRET_KEY(:?\?[^}]*)?\}", secret), secret


def test_dockerfile_runs_as_non_root_with_static_messages_and_pango(dockerfile):
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert "collectstatic --noinput" in dockerfile
    assert "compilemessages" in dockerfile
    assert "libpango-1.0-0" in dockerfile
