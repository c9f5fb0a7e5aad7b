"""Each service variant's template (issue 16 §5): a new project gets the variant's phases
planned by their indicative weeks and its usual activity kinds first in the activity form;
the admin edits the template; a change reaches new projects only."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cocreation.models import SuggestedCommitment
from projects.forms.activities import ActivityForm
from projects.models import Activity, Service, ServiceVariant, VariantPhase
from projects.selectors import log_projects
from projects.services import projects as services
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date
MONDAY = D(2026, 1, 5)
VARIANTS = [
    ("Buurtexpeditie", "Buurtverkenning"),
    ("Buurtexpeditie", "Buurtexpeditie"),
    ("Buurtexpeditie", "Buurtexpeditie Plus"),
    ("Buurtwerk", "Buurtwerk Basis"),
    ("Buurtwerk", "Buurtwerk Verdieping"),
    ("Buurtwerk", "Buurtwerk op maat"),
]
# A promised output: a number of interventions, activities, residents, ... fixed in advance.
PROMISED_COUNT = re.compile(
    r"\b(\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf|twintig)\s+"
    r"(\w+\s+)?(interventies?|activiteiten|bijeenkomsten|bewoners|initiatieven|deelnemers|"
    r"workshops|straatgesprekken|resultaten|plannen)\b",
    re.IGNORECASE,
)
PROMISED_RESULT = re.compile(
    r"(is|zijn|wordt|worden) (versterkt|vergroot|verbeterd|gerealiseerd)|garander", re.IGNORECASE
)


@pytest.fixture
def designer():
    return UserFactory(role="designer")


def variant(service: str, name: str) -> ServiceVariant:
    return ServiceVariant.objects.get(service__name=service, name=name)


def new_project(designer, variant, **fields):
    return services.project_create(
        actor=designer,
        title=f"Project {variant.name}",
        client=OrganisationFactory(),
        variant=variant,
        **fields,
    )


def spans(project) -> list[tuple[str, int, datetime.date, datetime.date]]:
    return [
        (p.name, ((p.end_date - p.start_date).days + 1) // 7, p.start_date, p.end_date)
        for p in project.phases.order_by("order")
    ]


def test_every_variant_has_a_template_of_phases_kinds_and_texts():
    for service, name in VARIANTS:
        v = variant(service, name)
        assert v.template_phases.count() >= 3, name
        assert v.default_activity_kinds and set(v.default_activity_kinds) <= set(
            Activity.Kind.values
        )
        assert v.default_approach and v.default_principles, name
        # The clause every confirmation carries: no party alone answers for the end result.
        assert "Geen enkele partij" in v.default_principles, name


@pytest.mark.parametrize(("service", "name"), VARIANTS)
def test_a_new_project_gets_its_variants_phases_each_planned_for_its_weeks(designer, service, name):
    v = variant(service, name)
    template = list(v.template_phases.order_by("order"))
    project = new_project(designer, v, start_date=MONDAY)
    planned = spans(project)
    assert [(n, weeks) for n, weeks, _s, _e in planned] == [
        (p.name, p.indicative_weeks) for p in template
    ]
    assert planned[0][2] == MONDAY
    assert all(
        planned[i][3] + datetime.timedelta(days=1) == planned[i + 1][2]
        for i in range(len(planned) - 1)
    )
    total = sum(p.indicative_weeks for p in template)
    project.refresh_from_db()
    assert project.expected_end_date == MONDAY + datetime.timedelta(weeks=total, days=-1)
    assert list(project.phases.order_by("order").values_list("description", flat=True)) == [
        p.description for p in template
    ]
    assert project.phases.get(is_current=True).order == 0


def test_a_buurtexpeditie_runs_through_ontdekken_ontwerpen_doen_verankeren(designer):
    project = new_project(designer, variant("Buurtexpeditie", "Buurtexpeditie"), start_date=MONDAY)
    assert spans(project) == [
        ("Ontdekken", 6, D(2026, 1, 5), D(2026, 2, 15)),
        ("Ontwerpen", 6, D(2026, 2, 16), D(2026, 3, 29)),
        ("Doen", 10, D(2026, 3, 30), D(2026, 6, 7)),
        ("Verankeren", 4, D(2026, 6, 8), D(2026, 7, 5)),
    ]


def test_a_training_starts_with_afstemmen_and_ends_with_oogsten(designer):
    project = new_project(designer, variant("Buurtwerk", "Buurtwerk Basis"), start_date=MONDAY)
    assert [name for name, *_rest in spans(project)] == ["Afstemmen", "Trainen", "Oogsten"]


def test_an_expected_end_spreads_the_phases_in_proportion_to_their_weeks(designer):
    v = variant("Buurtexpeditie", "Buurtexpeditie")  # 6, 6, 10 and 4 weeks
    end = MONDAY + datetime.timedelta(weeks=52, days=-1)
    project = new_project(designer, v, start_date=MONDAY, expected_end_date=end)
    assert [weeks for _n, weeks, _s, _e in spans(project)] == [12, 12, 20, 8]
    assert spans(project)[-1][3] == end


def test_a_start_given_later_plans_the_template_phases_by_their_weeks(designer):
    project = new_project(designer, variant("Buurtexpeditie", "Buurtexpeditie"))
    assert project.phases.filter(start_date__isnull=False).count() == 0
    services.project_update(actor=designer, project=project, start_date=MONDAY)
    assert [weeks for _n, weeks, _s, _e in spans(project)] == [6, 6, 10, 4]


def test_a_variant_without_template_phases_keeps_the_default_trajectory(designer):
    service = Service.objects.get(name="Buurtexpeditie")
    bare = ServiceVariant.objects.create(service=service, name="Kaal", typical_weeks=8, fee=1)
    project = new_project(designer, bare, start_date=MONDAY)
    assert [name for name, *_rest in spans(project)] == [
        "Ontdekken",
        "Ontwerpen",
        "Doen",
        "Verankeren",
    ]
    assert [weeks for _n, weeks, _s, _e in spans(project)] == [2, 2, 2, 2]


def test_editing_a_template_changes_new_projects_not_existing_ones(designer):
    v = variant("Buurtexpeditie", "Buurtverkenning")
    before = new_project(designer, v, start_date=MONDAY)
    planned_before = spans(before)
    first = v.template_phases.order_by("order").first()
    first.name, first.indicative_weeks = "Op straat", 3
    first.save()
    VariantPhase.objects.create(variant=v, order=9, name="Vieren", indicative_weeks=1)
    after = new_project(designer, v, start_date=MONDAY)
    assert spans(before) == planned_before
    names = [name for name, *_rest in spans(after)]
    assert names[0] == "Op straat" and names[-1] == "Vieren"
    assert spans(after)[0][1] == 3


def test_default_texts_promise_no_counts_or_results():
    texts = []
    for v in ServiceVariant.objects.all():
        # The template's texts (the description names the service's own scope).
        texts += [v.default_approach, v.default_principles]
        texts += [f"{p.name} {p.description}" for p in v.template_phases.all()]
    texts += list(SuggestedCommitment.objects.values_list("description", flat=True))
    assert len(texts) > 40
    for text in texts:
        assert not PROMISED_COUNT.search(text), text
        assert not PROMISED_RESULT.search(text), text


def test_unknown_activity_kinds_are_refused_on_a_variant():
    v = variant("Buurtwerk", "Buurtwerk Basis")
    v.default_activity_kinds = ["training", "picknick"]
    with pytest.raises(ValidationError, match="bestaande soorten"):
        v.full_clean()


# ---- the activity form --------------------------------------------------------------------


def form_for(project) -> ActivityForm:
    return ActivityForm(project=log_projects().get(pk=project.pk))


def test_the_activity_form_offers_the_variants_usual_kinds_first(designer):
    project = new_project(designer, variant("Buurtexpeditie", "Buurtverkenning"))
    form = form_for(project)
    kinds = [value for value, _label in form.fields["kind"].choices]
    assert kinds[:3] == ["street_conversation", "meeting", "workshop"]
    assert sorted(kinds) == sorted(Activity.Kind.values)
    assert form.fields["kind"].initial is None  # several usual kinds: the designer chooses


def test_a_training_variants_one_usual_kind_is_chosen_already(designer):
    project = new_project(designer, variant("Buurtwerk", "Buurtwerk Basis"))
    form = form_for(project)
    assert form.fields["kind"].choices[0][0] == "training"
    assert form.fields["kind"].initial == "training"


def test_a_project_without_variant_offers_every_kind_in_the_usual_order(designer):
    project = services.project_create(
        actor=designer, title="Zonder dienst", client=OrganisationFactory()
    )
    form = ActivityForm(project=project)
    assert [value for value, _ in form.fields["kind"].choices] == Activity.Kind.values


def test_the_log_page_shows_the_training_kind_first_and_ticked(client, designer):
    project = new_project(designer, variant("Buurtwerk", "Buurtwerk Verdieping"))
    client.force_login(designer)
    response = client.get(reverse("projects:activity_create", kwargs={"slug": project.slug}))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index('value="training"') < body.index('value="coaching"')
    assert body.index('value="coaching"') < body.index('value="street_conversation"')


# ---- the admin ----------------------------------------------------------------------------


def test_the_admin_page_of_a_variant_shows_its_template(client, world):
    v = variant("Buurtexpeditie", "Buurtexpeditie Plus")
    client.force_login(world.admin)
    response = client.get(reverse("admin:projects_servicevariant_change", args=[v.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Sjabloon voor nieuwe projecten" in body
    assert "Verankeren" in body  # a template phase
    assert "Buurtdesigners zijn regelmatig in de buurt" in body  # a suggested commitment
    assert 'value="intervention"' in body and "checked" in body


def test_the_admin_saves_a_variants_template(client, world):
    v = variant("Buurtwerk", "Buurtwerk Basis")
    client.force_login(world.admin)
    url = reverse("admin:projects_servicevariant_change", args=[v.pk])
    page = client.get(url)
    data = _form_data(page)
    data["default_activity_kinds"] = ["training", "workshop"]
    data["default_principles"] = "Samen leren, samen verantwoordelijk."
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    v.refresh_from_db()
    assert v.default_activity_kinds == ["training", "workshop"]
    assert v.default_principles == "Samen leren, samen verantwoordelijk."
    assert v.template_phases.count() == 3  # the inline rows stay as they were


def test_the_catalogue_admin_pages_answer_200(client, world):
    client.force_login(world.admin)
    service = Service.objects.get(name="Buurtwerk")
    assert client.get(reverse("admin:projects_servicevariant_changelist")).status_code == 200
    assert (
        client.get(reverse("admin:projects_service_change", args=[service.pk])).status_code == 200
    )
    assert client.get(reverse("admin:projects_servicevariant_add")).status_code == 200


def test_a_designer_cannot_open_the_variants_admin(client, world):
    client.force_login(world.designer)
    v = variant("Buurtwerk", "Buurtwerk Basis")
    response = client.get(reverse("admin:projects_servicevariant_change", args=[v.pk]))
    assert response.status_code == 302


def _form_data(page) -> dict:
    """The fields of an admin change form as the browser would send them back."""
    from html.parser import HTMLParser

    data: dict = {}

    class Fields(HTMLParser):
        textarea = None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            name = a.get("name")
            if tag == "input" and name and a.get("type") not in {"submit", "button", "file"}:
                if a.get("type") in {"checkbox", "radio"}:
                    if "checked" in a:
                        data.setdefault(name, []).append(a.get("value", "on"))
                else:
                    data[name] = a.get("value", "")
            elif tag == "textarea" and name:
                self.textarea = name
                data[name] = ""
            elif tag == "select" and name:
                self.select = name
            elif tag == "option" and "selected" in a and getattr(self, "select", None):
                data[self.select] = a.get("value", "")

        def handle_data(self, text):
            if self.textarea:
                data[self.textarea] += text

        def handle_endtag(self, tag):
            if tag == "textarea":
                self.textarea = None
            elif tag == "select":
                self.select = None

    Fields().feed(page.content.decode())
    return data


def test_the_check_for_promised_counts_would_catch_one():
    assert PROMISED_COUNT.search("We organiseren 6 interventies in de wijk.")
    assert PROMISED_COUNT.search("Er komen drie nieuwe initiatieven.")
    assert PROMISED_RESULT.search("De sociale samenhang is versterkt.")
