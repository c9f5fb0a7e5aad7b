"""The dashboard's permissions: the list of reports a user may download and the yes/no for one
report say the same, for every user and report."""

import datetime

import pytest

from dashboard.models import ProgressReport
from dashboard.rules import DOWNLOAD_REPORT, REQUEST_REPORT, reports_for

pytestmark = pytest.mark.django_db

USERS = ["client_a", "client_b", "partner", "designer", "admin"]


def _report(world, requester):
    return ProgressReport.objects.create(
        project=world.project_a,
        requested_by=getattr(world, requester),
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
    )


@pytest.mark.parametrize("who", USERS)
def test_reports_for_and_can_download_report_agree(world, who):
    reports = [_report(world, requester) for requester in ["client_a", "partner", "designer"]]
    user = getattr(world, who)
    listed = set(reports_for(user, world.project_a))
    for report in reports:
        assert (report in listed) == user.has_perm(DOWNLOAD_REPORT, report), report.requested_by


def test_requesting_a_report_takes_seeing_the_dashboard(world):
    may = {who: getattr(world, who).has_perm(REQUEST_REPORT, world.project_a) for who in USERS}
    assert may == {
        "client_a": True,
        "client_b": False,
        "partner": True,
        "designer": True,
        "admin": True,
    }
