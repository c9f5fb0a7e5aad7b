"""The activity pages: quick log, create, detail, edit, delete and the photo view."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from core.once import new_token
from projects.models import Activity, ActivityPhoto, AuditEntry, Theme
from projects.services.activities import activity_create
from tests.core.test_photos import GPS_IFD, image_bytes, upload
from tests.edits import edit_base
from tests.factories import ActivityFactory, PhaseFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def phases(world):
    """Project A: a finished phase and the current one; project B: one current phase."""
    return {
        "a_old": PhaseFactory(project=world.project_a, name="Ontdekken", order=0),
        "a": PhaseFactory(project=world.project_a, name="Ontwerpen", order=1, is_current=True),
        "b": PhaseFactory(project=world.project_b, name="Doen", is_current=True),
    }


@pytest.fixture
def designer(client, world):
    client.force_login(world.designer)
    return world.designer


@pytest.fixture
def activity(world, phases):
    return activity_create(
        actor=world.designer,
        project=world.project_a,
        kind="meeting",
        title="Bewonersavond",
        notes="Mevrouw K. wil meedoen.",
        phase=phases["a"],
        photos=[upload()],
    )


def create_url(project):
    return reverse("projects:activity_create", args=[project.slug])


def url(name, activity):
    return reverse(f"projects:{name}", args=[activity.project.slug, activity.pk])


def photo_url(photo):
    return reverse("projects:activity_photo", args=[photo.activity.project.slug, photo.pk])


def form_data(phase, /, **overrides):
    data = {
        "kind": "street_conversation",
        "title": "Gesprek bij de speeltuin",
        "date": timezone.localdate().isoformat(),
        "residents_reached": "12",
        "new_contacts": "3",
        "location": "Speeltuin Vlinderplein",
        "partners_present": "Bewonersgroep",
        "notes": "",
        "phase": str(phase.pk),
    }
    return data | overrides


def errors_of(response) -> dict:
    return response.context["form"].errors


# --- create ------------------------------------------------------------------------------


def test_designer_logs_an_activity_with_a_photo(client, designer, world, phases):
    response = client.post(
        create_url(world.project_a), form_data(phases["a"], photos=upload()), follow=True
    )
    assert response.redirect_chain[-1][0] == world.project_a.get_absolute_url()
    assert "Activiteit gelogd" in response.content.decode()
    activity = Activity.objects.get()
    assert (activity.project, activity.phase, activity.logged_by) == (
        world.project_a,
        phases["a"],
        designer,
    )
    assert (activity.residents_reached, activity.new_contacts) == (12, 3)
    assert activity.photos.count() == 1
    assert AuditEntry.objects.get().action == "created"


def test_stored_photo_has_no_exif_and_no_user_file_name(client, designer, world, phases):
    photo = upload("voordeur-nummer-12.jpg")
    client.post(create_url(world.project_a), form_data(phases["a"], photos=photo))
    stored = ActivityPhoto.objects.get()
    assert "voordeur" not in stored.image.name
    image = Image.open(stored.image.path)
    assert not image.getexif()
    assert image.getexif().get_ifd(GPS_IFD) == {}


def test_several_photos_in_one_input_are_all_stored(client, designer, world, phases):
    photos = [upload("a.jpg"), upload("b.png", image_bytes("PNG"), "image/png")]
    client.post(create_url(world.project_a), form_data(phases["a"], photos=photos))
    assert ActivityPhoto.objects.count() == 2


@pytest.mark.parametrize(("fmt", "content_type"), [("PNG", "image/png"), ("WEBP", "image/webp")])
def test_png_and_webp_photos_are_accepted(client, designer, world, phases, fmt, content_type):
    photo = upload(f"foto.{fmt.lower()}", image_bytes(fmt), content_type)
    response = client.post(create_url(world.project_a), form_data(phases["a"], photos=photo))
    assert response.status_code == 302
    assert ActivityPhoto.objects.get().image.name.endswith(f".{fmt.lower()}")


def test_pdf_renamed_to_jpg_is_rejected_with_a_dutch_message(client, designer, world, phases):
    pdf = upload("verslag.jpg", b"%PDF-1.4\n%%EOF\n")
    response = client.post(create_url(world.project_a), form_data(phases["a"], photos=pdf))
    assert response.status_code == 200
    assert errors_of(response)["photos"] == [
        "verslag.jpg is geen foto die we kunnen lezen. Kies een JPEG-, PNG- of WebP-bestand."
    ]
    assert "er is nog niets opgeslagen" in response.content.decode()
    assert not Activity.objects.exists()


def test_oversize_photo_is_rejected_and_nothing_is_saved(client, designer, world, phases, settings):
    settings.PHOTO_MAX_BYTES = 200
    response = client.post(create_url(world.project_a), form_data(phases["a"], photos=upload()))
    assert "is te groot" in errors_of(response)["photos"][0]
    assert not Activity.objects.exists() and not ActivityPhoto.objects.exists()


@pytest.mark.parametrize("field", ["residents_reached", "new_contacts"])
def test_negative_count_is_rejected(client, designer, world, phases, field):
    response = client.post(create_url(world.project_a), form_data(phases["a"], **{field: "-4"}))
    assert errors_of(response)[field] == ["Een aantal kan niet negatief zijn."]
    assert not Activity.objects.exists()


def test_empty_counts_mean_none(client, designer, world, phases):
    data = form_data(phases["a"], residents_reached="", new_contacts="")
    client.post(create_url(world.project_a), data)
    activity = Activity.objects.get()
    assert (activity.residents_reached, activity.new_contacts) == (0, 0)


def test_date_far_in_the_future_is_rejected(client, designer, world, phases):
    far = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    response = client.post(create_url(world.project_a), form_data(phases["a"], date=far))
    assert "te ver in de toekomst" in errors_of(response)["date"][0]
    assert not Activity.objects.exists()


def test_date_a_few_days_ahead_is_accepted(client, designer, world, phases):
    soon = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    client.post(create_url(world.project_a), form_data(phases["a"], date=soon))
    assert Activity.objects.exists()


def test_date_before_2000_is_rejected(client, designer, world, phases):
    response = client.post(create_url(world.project_a), form_data(phases["a"], date="1999-12-31"))
    assert "vóór 2000" in errors_of(response)["date"][0]


def test_phase_of_another_project_is_rejected(client, designer, world, phases):
    response = client.post(create_url(world.project_a), form_data(phases["b"]))
    assert errors_of(response)["phase"] == ["Kies een fase van dit project."]
    assert not Activity.objects.exists()


def test_unknown_phase_is_rejected(client, designer, world, phases):
    response = client.post(create_url(world.project_a), form_data(phases["a"], phase="999999"))
    assert errors_of(response)["phase"] == ["Kies een fase van dit project."]


def test_project_in_the_post_data_is_ignored(client, designer, world, phases):
    data = form_data(phases["a"], project=str(world.project_b.pk))
    client.post(create_url(world.project_a), data)
    assert Activity.objects.get().project == world.project_a


def impact_url(activity):
    return reverse("impact:create", args=[activity.project.slug]) + f"?activity={activity.pk}"


def test_saved_activity_offers_to_record_its_impact_right_away(client, designer, world, phases):
    response = client.post(
        create_url(world.project_a),
        form_data(phases["a"], title="Gesprek <b>bij</b> de speeltuin"),
        follow=True,
    )
    activity = Activity.objects.get()
    message = str(list(response.context["messages"])[0])
    assert message.startswith("Activiteit gelogd.")
    assert f'href="{impact_url(activity)}"' in message
    assert "Impact vastleggen" in message
    # What the designer typed is escaped inside the message's link.
    assert "Gesprek &lt;b&gt;bij&lt;/b&gt; de speeltuin" in message
    assert "<b>bij</b>" not in response.content.decode()
    assert f'href="{impact_url(activity)}"' in response.content.decode()


def test_log_another_still_offers_the_impact_of_the_one_just_saved(client, designer, world, phases):
    response = client.post(
        create_url(world.project_a), form_data(phases["a"], another="1"), follow=True
    )
    assert response.redirect_chain[-1][0] == create_url(world.project_a)
    assert f'href="{impact_url(Activity.objects.get())}"' in response.content.decode()


def test_save_and_log_another_returns_to_an_empty_form(client, designer, world, phases):
    response = client.post(create_url(world.project_a), form_data(phases["a"], another="1"))
    assert response.url == create_url(world.project_a)


def test_form_defaults_to_today_the_current_phase_and_the_projects_phases_only(
    client, designer, world, phases
):
    form = client.get(create_url(world.project_a)).context["form"]
    assert form["date"].value() == timezone.localdate()
    assert form["phase"].value() == phases["a"].pk
    assert list(form.fields["phase"].queryset) == [phases["a_old"], phases["a"]]


def test_form_is_phone_friendly(client, designer, world, phases):
    body = client.get(create_url(world.project_a)).content.decode()
    assert 'type="date"' in body
    assert 'inputmode="numeric"' in body
    assert 'accept="image/jpeg,image/png,image/webp"' in body and "multiple" in body
    assert 'enctype="multipart/form-data"' in body
    assert "<script>" not in body and 'style="' not in body


def test_form_offers_the_projects_phases_and_every_theme_ticking_the_projects_own(
    client, designer, world, phases
):
    own, other = Theme.objects.order_by("name")[:2]
    world.project_a.themes.set([own])
    form = client.get(create_url(world.project_a)).context["form"]
    assert [value for value, _label in form.fields["phase"].choices] == [
        phases["a_old"].pk,
        phases["a"].pk,
    ]
    offered = [value for value, _label in form.fields["themes"].choices]
    assert offered == list(Theme.objects.order_by("name").values_list("pk", flat=True))
    assert [theme.pk for theme in form["themes"].initial] == [own.pk]


def test_another_projects_phase_is_refused_at_the_field(client, designer, world, phases):
    response = client.post(create_url(world.project_a), form_data(phases["b"]))
    assert response.status_code == 200
    assert "Kies een fase van dit project." in response.content.decode()
    assert not Activity.objects.exists()


@pytest.mark.parametrize("once", [False, True])
def test_quick_log_post_stays_within_its_query_budget(
    client, designer, world, phases, django_assert_max_num_queries, once
):
    # Session, user, the project with the form's choices, the activity, the project's
    # generation, its themes, its audit entry, and a savepoint pair standing in for the
    # request's transaction: 9. A form sent once (core/once.py) adds its token and address.
    budget = 11 if once else 9
    themes = [str(pk) for pk in Theme.objects.values_list("pk", flat=True)[:2]]

    def post(n):
        data = form_data(phases["a"], themes=themes, title=f"Gesprek {n}")
        if once:
            data["once"] = new_token()
        assert client.post(create_url(world.project_a), data).status_code == 302

    post(0)
    with django_assert_max_num_queries(budget) as small:
        post(1)
    PhaseFactory.create_batch(8, project=world.project_a)
    Theme.objects.bulk_create(Theme(name=f"Thema {i}") for i in range(10))
    ActivityFactory.create_batch(20, project=world.project_a, phase=phases["a"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        post(2)
    assert Activity.objects.get(title="Gesprek 2").themes.count() == 2


# --- access ------------------------------------------------------------------------------


WRITE_VIEWS = ["activity_edit", "activity_delete"]


@pytest.mark.parametrize("who", ["client_a", "partner"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_client_and_partner_get_404_on_create_edit_and_delete(
    client, world, phases, activity, who, method
):
    client.force_login(getattr(world, who))
    urls = [create_url(world.project_a)] + [url(name, activity) for name in WRITE_VIEWS]
    for target in urls:
        response = getattr(client, method)(target, form_data(phases["a"], title="Gehackt"))
        assert response.status_code == 404, target
    activity.refresh_from_db()
    assert activity.title == "Bewonersavond"
    assert Activity.objects.count() == 1


def test_client_gets_404_on_quick_log(client, world):
    client.force_login(world.client_a)
    assert client.get(reverse("projects:activity_quick")).status_code == 404


@pytest.mark.parametrize(
    "name", ["activity_create", "activity_detail", "activity_edit", "activity_delete"]
)
def test_anonymous_is_sent_to_login(client, activity, name):
    target = create_url(activity.project) if name == "activity_create" else url(name, activity)
    response = client.get(target)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_anonymous_gets_no_photo(client, activity):
    response = client.get(photo_url(activity.photos.get()))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("activity_create", "put"),
        ("activity_edit", "delete"),
        ("activity_delete", "put"),
        ("activity_detail", "post"),
        ("activity_quick", "post"),
        ("activity_photo", "post"),
    ],
)
def test_wrong_method_is_405(client, designer, activity, name, method):
    targets = {
        "activity_create": create_url(activity.project),
        "activity_quick": reverse("projects:activity_quick"),
        "activity_photo": photo_url(activity.photos.get()),
    }
    target = targets.get(name) or url(name, activity)
    assert getattr(client, method)(target).status_code == 405


def test_editing_another_projects_activity_through_this_projects_url_is_404(
    client, designer, world, phases
):
    other = ActivityFactory(project=world.project_b, title="Van project B")
    target = reverse("projects:activity_edit", args=[world.project_a.slug, other.pk])
    assert client.get(target).status_code == 404
    assert client.post(target, form_data(phases["a"])).status_code == 404
    other.refresh_from_db()
    assert (other.project, other.title) == (world.project_b, "Van project B")


def test_deleting_another_projects_activity_through_this_projects_url_is_404(
    client, designer, world
):
    other = ActivityFactory(project=world.project_b)
    target = reverse("projects:activity_delete", args=[world.project_a.slug, other.pk])
    assert client.post(target).status_code == 404
    assert Activity.objects.filter(pk=other.pk).exists()


# --- quick log ---------------------------------------------------------------------------


def test_quick_log_offers_the_visible_projects_as_links_to_the_form(client, designer, world):
    body = client.get(reverse("projects:activity_quick")).content.decode()
    assert create_url(world.project_a) in body and create_url(world.project_b) in body


def test_quick_log_leaves_out_completed_projects(client, designer, world):
    done = ProjectFactory(title="Klaar", status="completed")
    body = client.get(reverse("projects:activity_quick")).content.decode()
    assert create_url(done) not in body


def test_quick_log_queries_do_not_grow_with_projects(client, designer, django_assert_num_queries):
    target = reverse("projects:activity_quick")
    client.get(target)
    with django_assert_num_queries(3) as ctx:
        client.get(target)
    ProjectFactory.create_batch(10)
    with django_assert_num_queries(len(ctx.captured_queries)):
        client.get(target)


# --- detail ------------------------------------------------------------------------------


def test_client_sees_own_activity_without_notes_or_edit_controls(client, world, activity):
    client.force_login(world.client_a)
    body = client.get(url("activity_detail", activity)).content.decode()
    assert "Bewonersavond" in body
    assert "Mevrouw K." not in body
    assert url("activity_edit", activity) not in body
    assert url("activity_delete", activity) not in body
    assert impact_url(activity) not in body and "Impact vastleggen" not in body


def test_designer_sees_notes_edit_controls_and_history(client, designer, activity):
    body = client.get(url("activity_detail", activity)).content.decode()
    assert "Mevrouw K." in body
    assert url("activity_edit", activity) in body and url("activity_delete", activity) in body
    assert impact_url(activity) in body
    assert "Geschiedenis" in body and "Aangemaakt door" in body


def test_client_of_another_project_gets_404_on_detail(client, world, activity):
    client.force_login(world.client_b)
    assert client.get(url("activity_detail", activity)).status_code == 404


def test_detail_shows_photos_through_the_photo_view(client, designer, activity, settings):
    body = client.get(url("activity_detail", activity)).content.decode()
    assert photo_url(activity.photos.get()) in body
    assert settings.MEDIA_URL not in body


# --- edit --------------------------------------------------------------------------------


def test_edit_writes_an_audit_entry_with_the_changed_fields(client, designer, activity, phases):
    data = form_data(
        phases["a_old"],
        kind=activity.kind,
        title="Bewonersavond in het buurthuis",
        residents_reached="30",
        new_contacts="0",
        location="",
        partners_present="",
        notes=activity.notes,
        date=activity.date.isoformat(),
    )
    data |= edit_base(client, url("activity_edit", activity))
    response = client.post(url("activity_edit", activity), data)
    assert response.url == url("activity_detail", activity)
    entry = AuditEntry.objects.get(action="updated")
    assert entry.actor == designer
    assert set(entry.changes) == {"title", "residents_reached", "phase"}
    assert entry.changes["title"] == ["Bewonersavond", "Bewonersavond in het buurthuis"]


def test_edit_adds_and_removes_photos(client, designer, activity, phases):
    old = activity.photos.get()
    data = form_data(phases["a"], remove_photos=[str(old.pk)], photos=[upload(), upload()])
    data |= edit_base(client, url("activity_edit", activity))
    client.post(url("activity_edit", activity), data)
    photos = list(activity.photos.all())
    assert len(photos) == 2 and old not in photos


def test_edit_cannot_remove_a_photo_of_another_activity(client, designer, world, activity, phases):
    other = activity_create(
        actor=world.designer, project=world.project_a, kind="other", title="x", photos=[upload()]
    )
    data = form_data(phases["a"], remove_photos=[str(other.photos.get().pk)])
    response = client.post(url("activity_edit", activity), data)
    assert response.status_code == 200 and "remove_photos" in errors_of(response)
    assert other.photos.count() == 1


def test_edit_form_shows_existing_photos_with_a_remove_checkbox(client, designer, activity):
    body = client.get(url("activity_edit", activity)).content.decode()
    photo = activity.photos.get()
    assert photo_url(photo) in body
    assert f'name="remove_photos" value="{photo.pk}"' in body


# --- delete ------------------------------------------------------------------------------


def test_delete_asks_for_confirmation_first(client, designer, activity):
    response = client.get(url("activity_delete", activity))
    assert "Weet u zeker" in response.content.decode()
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_delete_removes_the_activity_and_writes_an_audit_entry(client, designer, activity):
    pk = activity.pk
    response = client.post(url("activity_delete", activity), follow=True)
    assert response.redirect_chain[-1][0] == activity.project.get_absolute_url()
    assert "Activiteit verwijderd" in response.content.decode()
    assert not Activity.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(action="deleted")
    assert (entry.target_id, entry.actor, entry.target_repr) == (pk, designer, "Bewonersavond")


# --- photo -------------------------------------------------------------------------------


def test_own_client_gets_the_photo(client, world, activity):
    client.force_login(world.client_a)
    response = client.get(photo_url(activity.photos.get()))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "private" in response["Cache-Control"]
    data = b"".join(response.streaming_content)
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD) == {}


def test_client_of_another_project_gets_404_for_the_photo(client, world, activity):
    client.force_login(world.client_b)
    assert client.get(photo_url(activity.photos.get())).status_code == 404


def test_photo_through_another_projects_url_is_404(client, world, activity):
    client.force_login(world.client_b)
    photo = activity.photos.get()
    target = reverse("projects:activity_photo", args=[world.project_b.slug, photo.pk])
    assert client.get(target).status_code == 404


def test_detail_history_names_the_changed_fields_in_dutch(client, designer, activity):
    from projects.services.activities import activity_update

    activity_update(actor=designer, activity=activity, title="Nieuwe titel", new_contacts=4)
    body = client.get(url("activity_detail", activity)).content.decode()
    assert "Gewijzigd door" in body
    assert "titel, nieuwe contacten" in body or "nieuwe contacten, titel" in body
