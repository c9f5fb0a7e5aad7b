from django.urls import path, register_converter

from .views import agreements, check_ins, concerns, confirmations, consent, decisions, pulse

app_name = "cocreation"


class ConfirmationNumber:
    """An order confirmation's number as OrderConfirmation.format_number writes it (OB-2026-0001);
    anything else is a 404 before the database sees it."""

    regex = r"OB-[0-9]{4}-[0-9]{4,6}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ConfirmationNumber, "confirmation_number")

V = "projecten/<slug:slug>/samenwerking/versies/<int:number>/"
OB = "projecten/<slug:slug>/opdrachtbevestigingen/"

urlpatterns = [
    # agreements and their versions
    path("projecten/<slug:slug>/samenwerking/", agreements.agreement, name="agreement"),
    path(
        "projecten/<slug:slug>/samenwerking/nieuwe-versie/",
        agreements.version_new,
        name="version_new",
    ),
    path(V, agreements.version_detail, name="version"),
    path(V + "bewerken/", agreements.version_edit, name="version_edit"),
    path(V + "instemmen/", consent.version_consent, name="version_consent"),
    path(V + "niet-instemmen/", consent.version_decline, name="version_decline"),
    path(V + "verschillen/", agreements.version_diff, name="version_diff"),
    # check-ins
    path(
        "projecten/<slug:slug>/reflectiemomenten/nieuw/",
        check_ins.check_in_create,
        name="check_in_create",
    ),
    path(
        "projecten/<slug:slug>/reflectiemomenten/<int:pk>/",
        check_ins.check_in_detail,
        name="check_in",
    ),
    # continuation decisions at the end of a phase
    path(
        "projecten/<slug:slug>/fasen/<int:phase>/besluit/",
        decisions.decision_create,
        name="decision_create",
    ),
    # concerns
    path("projecten/<slug:slug>/vragen/", concerns.concern_list, name="concerns"),
    path("projecten/<slug:slug>/vragen/nieuw/", concerns.concern_create, name="concern_create"),
    path("projecten/<slug:slug>/vragen/<int:pk>/", concerns.concern_detail, name="concern"),
    path(
        "projecten/<slug:slug>/vragen/<int:pk>/sluiten/",
        concerns.concern_close,
        name="concern_close",
    ),
    # the pulse: the signed links need no login
    path("puls/afmelden/<str:token>/", pulse.pulse_opt_out, name="pulse_opt_out"),
    path("puls/<str:token>/", pulse.pulse_link, name="pulse_link"),
    path("projecten/<slug:slug>/puls/", pulse.pulse, name="pulse"),
    path("projecten/<slug:slug>/puls/interval/", pulse.pulse_interval, name="pulse_interval"),
    path("projecten/<slug:slug>/puls/<int:pk>/", pulse.pulse_answer, name="pulse_answer"),
    # order confirmations
    path(OB, confirmations.confirmation_list, name="confirmations"),
    path(OB + "genereren/", confirmations.confirmation_generate, name="confirmation_generate"),
    path(
        OB + "<confirmation_number:number>.pdf",
        confirmations.confirmation_download,
        name="confirmation_download",
    ),
    path(
        OB + "<confirmation_number:number>/opnieuw/",
        confirmations.confirmation_retry,
        name="confirmation_retry",
    ),
]
