"""A training on the team's trajectory page and on the client's dashboard (issue 17, the
overview and the client's view): sessions, attendance, evaluations and stories, with names
only for those who may see them."""

import pytest
from django.db.models import F
from django.urls import NoReverseMatch, reverse

from projects.models import Project
from tests.factories import MembershipFactory, UserFactory
from trainings import selectors
from trainings.models import Evaluation

from .builders import (
    OTHER_NAME,
    OWN_NAME,
    add_numbered_participants,
    add_sessions,
    answer,
    build_page_training,
    make_training,
    mark_present,
    reflect,
)
from .builders import PAGE_NOW as NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def training(world, now):
    return build_page_training(world)


def _page(client, user, project) -> str:
    client.force_login(user)
    response = client.get(reverse("dashboard:project", args=[project.slug]))
    assert response.status_code == 200
    return response.content.decode()


def _dashboard(client, user, project) -> str:
    client.force_login(user)
    response = client.get(reverse("dashboard:dashboard", args=[project.slug]))
    assert response.status_code == 200
    return response.content.decode()


# ---- the team's trajectory page ----


def test_team_page_shows_sessions_held_and_planned_with_attendance(client, world, training):
    html = _page(client, world.designer, training.project)
    assert "Bijeenkomsten" in html
    for n in range(1, 5):
        assert f"Bijeenkomst {n}" in html
    assert "Buurthuis De Kroon" in html
    # The first session everyone attended, the next two only the first of each organisation.
    assert 'data-attendance="3/3"' in html
    assert html.count('data-attendance="2/3"') == 2
    assert html.count("data-attendance=") == 3  # the planned session has no attendance yet


def _links(project, session) -> dict[str, str]:
    """The team's pages of a session, by their agreed names, that exist in this build (the
    sessions helper's branch brings them)."""
    found = {}
    for name, args in [
        ("trainings:attendance", [project.slug, session.pk]),
        ("trainings:session_edit", [project.slug, session.pk]),
        ("trainings:session_create", [project.slug]),
        ("trainings:participants", [project.slug]),
    ]:
        try:
            found[name] = reverse(name, args=args)
        except NoReverseMatch:
            continue
    return found


def test_team_page_links_to_the_session_pages(client, world, training):
    html = _page(client, world.designer, training.project)
    for url in _links(training.project, training.held[0]).values():
        assert f'href="{url}"' in html


def test_client_gets_no_links_to_the_teams_session_pages(client, world, training):
    html = _page(client, world.client_a, training.project)
    assert "training-session-links" not in html
    for url in _links(training.project, training.held[0]).values():
        assert f'href="{url}"' not in html


def test_team_page_shows_every_participant_and_who_qualifies(client, world, training):
    html = _page(client, world.designer, training.project)
    assert "Deelnemers" in html
    assert OWN_NAME in html and OTHER_NAME in html
    assert "2 komen nu in aanmerking voor een deelnamebewijs" in html


def test_qualifying_follows_the_one_threshold_rule(world, training):
    overview = selectors.training_overview(world.designer, training.project)
    rows = {row.participant.name: row for row in overview.participants}
    assert rows[OWN_NAME].attended == 3 and rows[OWN_NAME].share == 100
    assert rows[OWN_NAME].present == [True, True, True]
    assert rows[OWN_NAME].qualifies
    other = rows[training.ours[1].name]
    assert other.attended == 1 and other.share == 33 and not other.qualifies
    assert overview.qualifying == 2


def test_a_project_that_is_no_training_shows_no_training_blocks(client, world, now):
    html = _page(client, world.designer, world.project_b)
    assert "Bijeenkomsten" not in html
    assert selectors.training_overview(world.designer, world.project_b) is None


def test_a_training_without_sessions_or_participants_says_what_will_appear(client, world, now):
    make_training(world.project_a)
    html = _page(client, world.designer, world.project_a)
    assert "Nog geen bijeenkomsten gepland." in html
    assert "Nog geen deelnemers aangemeld." in html


# ---- names: the team all, a client their own organisation's, a partner none ----


def test_client_sees_their_own_organisations_participants_by_name_only(client, world, training):
    for html in (
        _dashboard(client, world.client_a, training.project),
        _page(client, world.client_a, training.project),
    ):
        assert OWN_NAME in html
        assert OTHER_NAME not in html
        assert "Welzijn Noord" not in html
        assert "En 1 deelnemer van een andere organisatie" in html
        assert 'data-attendance="3/3"' in html  # counts of everyone


def test_a_client_of_the_other_organisation_sees_their_names_not_ours(client, world, training):
    other_client = UserFactory(organisation=training.other, name="Client Olga")
    MembershipFactory(user=other_client, project=training.project)
    _dashboard(client, world.client_a, training.project)  # a client of A looks first
    html = _dashboard(client, other_client, training.project)
    assert OTHER_NAME in html
    assert OWN_NAME not in html


def test_the_team_sees_every_name_on_the_dashboard(client, world, training):
    html = _dashboard(client, world.designer, training.project)
    assert OWN_NAME in html and OTHER_NAME in html
    assert "andere organisatie" not in html


def test_the_clients_dashboard_links_to_their_participants_page(client, world, training):
    url = reverse("trainings:participants", args=[training.project.slug])
    assert f'href="{url}"' in _dashboard(client, world.client_a, training.project)
    assert f'href="{url}"' not in _dashboard(client, world.partner, training.project)


def test_a_removed_participant_is_gone_from_the_clients_dashboard_at_once(client, world, training):
    assert OWN_NAME in _dashboard(client, world.client_a, training.project)
    training.ours[0].delete()  # no write the dashboard's cache would notice
    html = _dashboard(client, world.client_a, training.project)
    assert OWN_NAME not in html
    assert 'data-attendance="2/2"' in html


def test_partner_sees_the_sessions_and_nothing_of_the_participants(client, world, training):
    reflect(training.ours[0], tried="Ik vroeg de buurvrouw om hulp.", share=True)
    answer(training.ours[0], training.held[0], 5, will_apply="Eerst luisteren.", share=True)
    for html in (
        _dashboard(client, world.partner, training.project),
        _page(client, world.partner, training.project),
    ):
        assert OWN_NAME not in html and OTHER_NAME not in html
        # The sessions, held and planned, with their dates and place ...
        assert html.count('class="training-session list-group-item"') == 4
        assert "3 gehouden" in html and "1 gepland" in html
        # ... but no attendance per session, no participant block, no qualifying count.
        assert "data-attendance" not in html and "aanwezig" not in html
        assert "training-participants" not in html and "deelnemers." not in html
        assert "in aanmerking voor een deelnamebewijs" not in html
    overview = selectors.training_overview(world.partner, training.project)
    assert overview.participant_count == 0 and overview.qualifying == 0
    assert {row.present for row in overview.held} == {0}
    # What participants shared, they shared with the client, not with partners.
    assert "Ik vroeg de buurvrouw om hulp." not in html
    assert "Eerst luisteren." not in html


# ---- evaluations: an average only from three answers ----


def test_evaluation_average_is_hidden_below_three_answers(client, world, training):
    answer(training.ours[0], training.held[0], 4)
    answer(training.ours[1], training.held[0], 5)
    html = _dashboard(client, world.client_a, training.project)
    assert "te weinig antwoorden om te tonen" in html
    assert "training-average" not in html
    answer(training.theirs[0], training.held[0], 5)  # the training is never read from a cache
    html = _dashboard(client, world.client_a, training.project)
    assert '<span class="training-average">4,7</span>' in html


def test_the_team_reads_the_average_from_one_answer(world, training):
    answer(training.ours[0], training.held[0], 4)
    overview = selectors.training_overview(world.designer, training.project)
    assert overview.trend[0].answered == 1 and overview.trend[0].average == 4.0
    overview = selectors.training_overview(world.client_a, training.project)
    assert overview.trend[0].answered == 1 and overview.trend[0].average is None


def test_only_answered_ratings_count_towards_the_average(world, training):
    answer(training.ours[0], training.held[0], 2)
    answer(training.ours[1], training.held[0], 4, will_apply="Zonder cijfer is ook goed.")
    Evaluation.objects.filter(participant=training.ours[1], session=training.held[0]).update(
        usefulness=None
    )
    answer(training.theirs[0], training.held[0], 4)
    Evaluation.objects.create(participant=training.ours[0], session=training.held[1])  # open
    trend = selectors.training_overview(world.designer, training.project).trend
    assert (trend[0].answered, trend[0].average) == (3, 3.0)
    assert (trend[1].answered, trend[1].average) == (0, None)
    # Outside the team: two ratings are too few, though three answered.
    assert selectors.training_overview(world.client_a, training.project).trend[0].average is None


def test_the_final_evaluation_closes_the_trend(world, training):
    for participant in (*training.ours, *training.theirs):
        answer(participant, None, 3)
    trend = selectors.training_overview(world.client_a, training.project).trend
    assert [point.session for point in trend] == [*training.held, None]
    assert trend[-1].average == 3.0


# ---- what participants shared: only with their consent ----


def test_remarks_show_only_with_consent_and_without_names(client, world, training):
    answer(training.ours[0], training.held[0], 4, will_apply="Vaker de straat op.", share=True)
    answer(training.ours[1], training.held[0], 4, remark="Dit blijft tussen ons.", share=False)
    html = _dashboard(client, world.client_a, training.project)
    assert "Vaker de straat op." in html
    assert "Dit blijft tussen ons." not in html


def test_practice_stories_show_only_with_consent(client, world, training):
    reflect(training.ours[0], tried="Ik belde aan bij de overburen.", share=True)
    reflect(training.ours[1], tried="Ik sprak de jongeren aan.", share=False)
    reflect(training.theirs[0], tried="Ik ging naar de moskee.", share=True)
    html = _dashboard(client, world.client_a, training.project)
    assert "Ik belde aan bij de overburen." in html
    assert "Ik sprak de jongeren aan." not in html
    # Another organisation's participant's story, without their name.
    assert "Ik ging naar de moskee." in html
    assert OTHER_NAME not in html
    stories = selectors.training_overview(world.client_a, training.project).stories
    assert sorted(story.name or "" for story in stories) == ["", OWN_NAME]


# ---- queries: constant in the number of sessions and participants ----


def _grow(training) -> None:
    """From 3 participants and 4 sessions to 12 and 10, with attendance and answers."""
    more = add_numbered_participants(training.project, training.project.client, 5)
    more += add_numbered_participants(training.project, training.other, 4)
    sessions = add_sessions(training.project, held=3, planned=3)
    mark_present(sessions[:3], more)
    for participant in more[:3]:
        answer(participant, training.held[1], 4, will_apply="Meer vragen stellen.", share=True)
        reflect(participant, tried="Een buurtgesprek.", share=True)


def _seed_evaluations(training) -> None:
    answer(training.ours[0], training.held[0], 4, will_apply="Luisteren.", share=True)
    reflect(training.ours[0], tried="Een gesprek.", share=True)


@pytest.mark.parametrize("who", ["designer", "client_a", "partner"])
def test_project_page_queries_do_not_grow_with_the_training(
    client, world, training, who, django_assert_num_queries, django_assert_max_num_queries
):
    _seed_evaluations(training)
    client.force_login(getattr(world, who))
    url = reverse("dashboard:project", args=[training.project.slug])
    client.get(url)
    # The page's own budget (10) plus the training's reading: six queries at most.
    with django_assert_max_num_queries(16) as ctx:
        client.get(url)
    warm = len(ctx.captured_queries)  # read now: the next request empties the query log
    _grow(training)
    client.get(url)  # the writes made the page's shared regions new: warm them again
    with django_assert_num_queries(warm):
        html = client.get(url).content.decode()
    assert html.count('class="training-session list-group-item"') == 10


def _forget_the_dashboard(project) -> None:
    """What a write to the project does: its dashboard is computed anew (dashboard.freshness)."""
    Project.objects.filter(pk=project.pk).update(generation=F("generation") + 1)


@pytest.mark.parametrize("who", ["client_a", "partner"])
def test_dashboard_queries_do_not_grow_with_the_training(
    client, world, training, who, django_assert_num_queries, django_assert_max_num_queries
):
    _seed_evaluations(training)
    # Warm what every process warms once, on another project (as the dashboard's own tests do).
    _dashboard(client, world.client_b, world.project_b)
    client.force_login(getattr(world, who))
    url = reverse("dashboard:dashboard", args=[training.project.slug])
    with django_assert_max_num_queries(21) as cold:  # the dashboard's 15 and the training's 6
        client.get(url)
    with django_assert_max_num_queries(10) as warm:  # its 4 warm and the training's 6
        client.get(url)
    _grow(training)
    _forget_the_dashboard(training.project)
    with django_assert_num_queries(len(cold.captured_queries)):
        client.get(url)
    with django_assert_num_queries(len(warm.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count('class="training-session list-group-item"') == 10
