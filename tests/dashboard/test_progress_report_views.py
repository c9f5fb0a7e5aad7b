"""The progress report views: request from the dashboard, the polling panel, the download."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from dashboard.models import ProgressReport

pytestmark = pytest.mark.django_db


def _ready(world, user):
    report = ProgressReport.objects.create(
        project=world.project_a,
        requested_by=user,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
    )
    report.pdf.save("r.pdf", ContentFile(b"%PDF-1.7 rapportage"), save=False)
    report.status = ProgressReport.Status.READY
    report.sha256 = "0" * 64
    report.save()
    return report


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _request_url(world):
    return reverse("dashboard:report_request", args=[world.project_a.slug])


def test_client_requests_a_report_and_sees_it_queued(
    world, client, django_capture_on_commit_callbacks
):
    client.force_login(world.client_a)
    data = {"report-period_start": "2026-01-01", "report-period_end": "2026-03-31"}
    response = client.post(_request_url(world), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    report = ProgressReport.objects.get()
    assert report.requested_by == world.client_a
    assert 'hx-trigger="every 2s"' in response.content.decode()


def test_client_gets_a_dutch_error_for_an_inverted_period(world, client):
    client.force_login(world.client_a)
    data = {"report-period_start": "2026-03-31", "report-period_end": "2026-01-01"}
    response = client.post(_request_url(world), data, HTTP_HX_REQUEST="true")
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_dashboard_shows_the_report_form(world, client):
    client.force_login(world.client_a)
    response = client.get(reverse("dashboard:dashboard", args=[world.project_a.slug]))
    assert reverse("dashboard:report_request", args=[world.project_a.slug]) in (
        response.content.decode()
    )


def test_dashboard_lists_the_reports_newest_first_with_their_requester(world, client):
    # The panel's reports come along with the cold page's one extra query (not the snapshot):
    # the list, the download link and, for the team, who asked, as when read on their own.
    older = _ready(world, world.client_a)
    newer = _ready(world, world.client_a)
    ProgressReport.objects.filter(pk=older.pk).update(
        created_at=newer.created_at - datetime.timedelta(days=1)
    )
    client.force_login(world.designer)
    html = client.get(reverse("dashboard:dashboard", args=[world.project_a.slug])).content.decode()
    panel = html[html.index('id="progress-reports"') :]
    assert panel.index(newer.get_download_url()) < panel.index(older.get_download_url())
    assert f"voor {world.client_a}" in panel
    client.force_login(world.client_a)
    html = client.get(reverse("dashboard:dashboard", args=[world.project_a.slug])).content.decode()
    assert newer.get_download_url() in html and f"voor {world.client_a}" not in html


def test_requester_downloads_own_report_as_attachment(world, client):
    report = _ready(world, world.client_a)
    client.force_login(world.client_a)
    response = client.get(report.get_download_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_designer_downloads_any_report_of_the_project(world, client):
    report = _ready(world, world.client_a)
    client.force_login(world.designer)
    assert client.get(report.get_download_url()).status_code == 200


def test_partner_gets_404_for_the_clients_report(world, client):
    report = _ready(world, world.client_a)
    client.force_login(world.partner)
    assert client.get(report.get_download_url()).status_code == 404


def test_client_of_another_project_gets_404(world, client):
    report = _ready(world, world.client_a)
    client.force_login(world.client_b)
    assert client.get(report.get_download_url()).status_code == 404
    assert client.post(_request_url(world)).status_code == 404


def test_anonymous_is_sent_to_login(world, client):
    report = _ready(world, world.client_a)
    response = client.get(report.get_download_url())
    assert response.status_code == 302 and "login" in response["Location"]


def test_wrong_methods_get_405(world, client):
    report = _ready(world, world.client_a)
    client.force_login(world.client_a)
    assert client.post(report.get_download_url()).status_code == 405
    assert client.get(_request_url(world)).status_code == 405
