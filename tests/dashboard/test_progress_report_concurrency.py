"""Two "request report" clicks at once, on PostgreSQL: one report is made, the other click
gets the Dutch message."""

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from core import documents
from dashboard.models import ProgressReport
from tests.conftest import need_service

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def both_checked_before_either_saves(monkeypatch):
    """Hold each request after its checks until the other has made them too: the moment the
    old lock found no row to lock yet."""
    barrier = threading.Barrier(2, timeout=10)
    full_clean = ProgressReport.full_clean

    def checked_then_wait(self, *args, **kwargs):
        full_clean(self, *args, **kwargs)
        barrier.wait()

    monkeypatch.setattr(ProgressReport, "full_clean", checked_then_wait)


def test_two_clicks_at_once_make_one_report(
    world, both_checked_before_either_saves, time_machine, monkeypatch
):
    need_service("PostgreSQL", connection.vendor == "postgresql")
    time_machine.move_to(datetime.datetime(2026, 12, 31, 11, 0, tzinfo=datetime.UTC), tick=False)
    enqueued = []
    monkeypatch.setattr(documents, "enqueue", lambda model, pk: enqueued.append(pk))
    url = reverse("dashboard:report_request", args=[world.project_a.slug])
    data = {"report-period_start": "2026-01-01", "report-period_end": "2026-03-31"}
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(world.client_a)
    responses = []

    def click(client):
        try:
            responses.append(client.post(url, data, HTTP_HX_REQUEST="true"))
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=click, args=[client]) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert [response.status_code for response in responses] == [200, 200]
    assert ProgressReport.objects.count() == 1
    assert enqueued == [ProgressReport.objects.get().pk]
    pages = [response.content.decode() for response in responses]
    assert sum("Er wordt al een voortgangsrapportage voor u gemaakt" in page for page in pages) == 1
