"""The weekly digest: shared news for client contacts, once a week, with a working opt-out."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from dashboard import digest
from dashboard.tasks import send_weekly_digest_task
from impact import digest as impact_digest
from impact.models import DigestOptOut
from tests import factories

pytestmark = pytest.mark.django_db

# A Thursday at the end of a year: the week began on Monday 28 December.
TODAY = datetime.date(2026, 12, 31)


@pytest.fixture(autouse=True)
def thursday(time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 31, 10, 0, tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def news(world):
    factories.ActivityFactory(project=world.project_a, date=TODAY, residents_reached=7)
    factories.ImpactEntryFactory(project=world.project_a, title="Buren helpen elkaar")
    factories.ImpactEntryFactory(
        project=world.project_a, title="Intern signaal", visibility="internal"
    )
    return world


def test_client_gets_shared_news_but_no_internal_entries(news):
    assert digest.send_weekly_digests(today=TODAY) == 1
    (message,) = mail.outbox
    assert message.to == [news.client_a.email]
    assert "Buren helpen elkaar" in message.body
    assert "Intern signaal" not in message.body
    assert "1 activiteit, 7 bewoners bereikt." in message.body
    assert reverse("dashboard:dashboard", args=[news.project_a.slug]) in message.body


def test_digest_goes_out_once_a_week_even_when_the_task_runs_twice(news):
    monday = TODAY - datetime.timedelta(days=TODAY.weekday())
    digest.send_weekly_digests(today=monday)
    digest.send_weekly_digests(today=monday + datetime.timedelta(days=1))
    assert len(mail.outbox) == 1


def test_no_digest_without_news(world):
    assert digest.send_weekly_digests(today=TODAY) == 0
    assert mail.outbox == []


def test_partner_and_designer_get_no_digest(news):
    digest.send_weekly_digests(today=TODAY)
    recipients = {address for message in mail.outbox for address in message.to}
    assert news.partner.email not in recipients and news.designer.email not in recipients


def test_opted_out_client_gets_no_digest(news):
    impact_digest.opt_out(news.client_a)
    assert digest.send_weekly_digests(today=TODAY) == 0


def test_unsubscribe_link_asks_then_opts_out_without_login(client, news):
    url = reverse(
        "impact:digest_unsubscribe", args=[impact_digest.unsubscribe_token(news.client_a)]
    )
    assert client.get(url).status_code == 200
    assert not DigestOptOut.objects.exists()
    response = client.post(url)
    assert response.status_code == 200 and "afgemeld" in response.content.decode()
    assert DigestOptOut.objects.filter(user=news.client_a).exists()


def test_forged_unsubscribe_token_gets_404(client, news):
    url = reverse("impact:digest_unsubscribe", args=["1:forged"])
    assert client.post(url).status_code == 404


def test_the_unsubscribe_link_is_in_the_mail(news):
    digest.send_weekly_digests(today=TODAY)
    assert "/weekoverzicht/afmelden/" in mail.outbox[0].body


def test_task_sends_the_digest(news, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    factories.ActivityFactory(project=news.project_a)  # today, whatever day the test runs
    assert send_weekly_digest_task.apply().get() == 1
