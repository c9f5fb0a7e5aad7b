"""The dashboard's regions are rendered once per audience (dashboard/shared.py): the team's
rendered entry never reaches a client or a partner, on the configured cache and on Redis."""

import pytest
from django.core.cache import cache

from dashboard import cache as dashboard_cache
from dashboard.selectors import audience
from tests.dashboard.test_freshness import INTERNAL, _render, backend, built  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_team_and_a_client_read_separate_rendered_entries(world, built, backend):  # noqa: F811
    assert INTERNAL in _render(world.designer, built.project)
    html = _render(world.client_a, built.project)
    assert INTERNAL not in html and "Buren groeten elkaar weer" in html
    stored = backend()
    if stored is not None:  # the forced Redis: one rendered entry for each audience
        names = [key.decode() for key in stored]
        assert any(":dashboard:" in name and ":team:" in name for name in names)
        assert any(":dashboard:" in name and ":client:" in name for name in names)
    built.project.refresh_from_db()
    entry = cache.get(
        dashboard_cache.shared_key(built.project, audience(world.client_a, built.project))
    )
    assert entry is not None, "the client's render was not cached"
    assert all(INTERNAL not in region for region in entry.regions.values())


def test_a_partner_after_a_designer_reads_the_partners_entry(world, built, backend):  # noqa: F811
    assert INTERNAL in _render(world.designer, built.project)
    assert INTERNAL not in _render(world.partner, built.project)
    assert audience(world.partner, built.project) != audience(world.client_a, built.project)
