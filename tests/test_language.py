import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_pages_are_dutch_even_for_an_english_browser(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert "Inloggen" in response.content.decode()


@pytest.mark.django_db
def test_the_switcher_chooses_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("login"))
    assert response["Content-Language"] == "en"
    assert "Log in with your email address and password." in response.content.decode()
