"""Issue 17: a participant the team removes takes their personal data along from every page a
client contact can open: the dashboard, the trajectory page and the participants list (names,
e-mail, the remark and the practice story they shared)."""

import pytest
from django.urls import reverse

from .builders import PAGE_NOW, answer, build_page_training, reflect

pytestmark = pytest.mark.django_db

STORY = "Ik vroeg de buurvrouw om hulp bij het buurtfeest."
APPLY = "Eerst luisteren naar wat buren zelf al doen."
REMARK = "Graag meer tijd om te oefenen."


@pytest.fixture
def training(world, time_machine):
    time_machine.move_to(PAGE_NOW, tick=False)
    return build_page_training(world)


def _client_pages(client, user, project) -> str:
    """Everything the client contact can read of the training, as one text."""
    client.force_login(user)
    pages = []
    for name in ("dashboard:dashboard", "dashboard:project", "trainings:participants"):
        response = client.get(reverse(name, args=[project.slug]))
        assert response.status_code == 200, name
        pages.append(response.content.decode())
    return "\n".join(pages)


def test_a_removed_participant_leaves_nothing_a_client_can_read(client, world, training):
    anna = training.ours[0]
    reflect(anna, tried=STORY, share=True)
    answer(anna, training.held[0], 5, will_apply=APPLY, remark=REMARK, share=True)
    personal = [anna.name, anna.email, STORY, APPLY, REMARK]
    before = _client_pages(client, world.client_a, training.project)
    assert all(text in before for text in personal), "the client read all of it before"

    client.force_login(world.designer)
    url = reverse("trainings:participant_remove", args=[training.project.slug, anna.pk])
    assert client.post(url).status_code == 302

    after = _client_pages(client, world.client_a, training.project)
    assert [text for text in personal if text in after] == []
    assert training.ours[1].name in after  # the rest of the page is still there
