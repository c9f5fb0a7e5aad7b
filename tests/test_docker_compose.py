"""The container setup: docker-compose.yml and the Dockerfile, read as text (no Docker needed)."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
LONG_RUNNING = ["caddy", "web", "worker", "beat", "db", "redis"]
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


def test_only_caddy_is_published_and_it_serves_http_and_https(services):
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"caddy"}
    assert {"80:80", "443:443"} <= set(services["caddy"]["ports"])
    assert services["web"]["expose"] == ["8000"]
    assert services["caddy"]["environment"]["UPSTREAM"] == "web:8000"


def test_caddy_runs_the_repositorys_caddyfile_for_a_required_domain(services):
    caddy = services["caddy"]
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in caddy["volumes"]
    # Certificates survive a restart (Let's Encrypt limits how often they may be issued).
    assert any(volume.endswith(":/data") for volume in caddy["volumes"])
    assert caddy["environment"]["SITE_DOMAIN"].startswith("${SITE_DOMAIN:?")
    # The version Debian packages, which tests/integration/test_caddy_proxy.py runs.
    assert caddy["image"] == "caddy:2.6"


def test_the_throttle_trusts_exactly_the_one_proxy_compose_runs(services):
    # One proxy (caddy) in front of gunicorn: the count is fixed, not left to the environment.
    for name in APP_SERVICES:
        assert services[name]["environment"]["TRUSTED_PROXY_COUNT"] == "1", name
    assert services["web"]["depends_on"] and "caddy" not in services["web"]["depends_on"]
    assert services["caddy"]["depends_on"]["web"] == HEALTHY


def test_links_and_hosts_follow_the_domain(services):
    env = services["web"]["environment"]
    assert env["SITE_URL"] == "https://${SITE_DOMAIN:?set SITE_DOMAIN}"
    assert env["ALLOWED_HOSTS"].startswith("${SITE_DOMAIN:?")
    assert env["SECURE_SSL_REDIRECT"] == "${SECURE_SSL_REDIRECT:-true}"


def test_backup_runs_daily_from_the_app_image_with_retention(services):
    backup = services["backup"]
    command = " ".join(backup["command"])
    assert "manage.py backup" in command
    assert "--keep" in command
    assert "sleep 86400" in command
    assert (backup["build"], backup["image"]) == (
        services["web"]["build"],
        services["web"]["image"],
    )
    assert backup["depends_on"]["db"] == HEALTHY
    assert backup["depends_on"]["migrate"] == COMPLETED
    assert backup["healthcheck"]["test"]


def test_backup_reads_the_media_and_writes_only_the_backups_volume(services, dockerfile):
    assert set(services["backup"]["volumes"]) == {"media:/data/media:ro", "backups:/backups"}
    assert "backups" in yaml.safe_load((ROOT / "docker-compose.yml").read_text())["volumes"]
    # pg_dump of the db image's major version, and a /backups the app user may write to.
    assert "postgresql-client-15" in dockerfile
    assert re.search(r"chown app:app [^\n]*/backups", dockerfile)


def test_restore_runs_only_on_demand_and_may_write_the_media(services):
    restore = services["restore"]
    assert restore["profiles"] == ["restore"]
    assert set(restore["volumes"]) == {"media:/data/media", "backups:/backups:ro"}
    assert restore["depends_on"]["db"] == HEALTHY


def test_the_worker_renders_below_the_webs_priority_one_pdf_at_a_time(services):
    # A PDF may take a second longer under load; a page may not (gunicorn.conf.py).
    command = services["worker"]["command"]
    assert command[:3] == ["nice", "-n", "10"]
    assert "--concurrency=${WORKER_CONCURRENCY:-1}" in command
