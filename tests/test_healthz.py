import pytest

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_when_database_and_broker_answer(client, redis_url):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": True, "broker": True}


def test_healthz_answers_503_naming_the_broker_when_it_is_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["broker"]


def test_healthz_skips_the_broker_when_none_is_configured(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "broker" not in response.json()["checks"]
