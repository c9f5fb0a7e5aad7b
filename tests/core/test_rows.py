"""core.rows: a small collection read in the same query as its parent rows."""

import datetime

import pytest

from cocreation.models import Concern, ConcernReply
from core.rows import from_json, json_rows
from tests import factories

pytestmark = pytest.mark.django_db


def _concerns_with_replies():
    replies = json_rows(
        ConcernReply.objects.all(),
        parent="concern",
        fields=["id", "body", "created_at", "author_id", "author__name", "author__email"],
    )
    return Concern.objects.annotate(reply_rows=replies).order_by("pk")


def test_children_come_back_as_model_instances_in_one_query(world, django_assert_num_queries):
    concern = factories.ConcernFactory(project=world.project_a, raised_by=world.client_a)
    later = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)
    earlier = datetime.datetime(2026, 3, 1, 17, 0, tzinfo=datetime.UTC)
    ConcernReply.objects.create(
        concern=concern, author=world.designer, body="Tweede", created_at=later
    )
    ConcernReply.objects.create(
        concern=concern, author=world.client_a, body="Eerste", created_at=earlier
    )
    with django_assert_num_queries(1):
        (row,) = _concerns_with_replies()
        replies = from_json(ConcernReply, row.reply_rows, order_by=("created_at", "id"))
        names = [reply.author.name for reply in replies]
    assert [reply.body for reply in replies] == ["Eerste", "Tweede"]
    assert [reply.created_at for reply in replies] == [earlier, later]
    assert names == [world.client_a.name, world.designer.name]
    assert replies[0].author_id == world.client_a.pk


def test_a_parent_without_children_gets_an_empty_list(world):
    factories.ConcernFactory(project=world.project_a, raised_by=world.client_a)
    (row,) = _concerns_with_replies()
    assert row.reply_rows is None
    assert from_json(ConcernReply, row.reply_rows) == []


def test_dates_are_dates_again(world):
    factories.PhaseFactory(project=world.project_a, start_date=datetime.date(2026, 1, 5))
    from projects.selectors import page_projects, trajectory

    project = page_projects().get(pk=world.project_a.pk)
    (phase,) = trajectory(project)
    assert phase.start_date == datetime.date(2026, 1, 5)
