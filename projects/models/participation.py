"""The participation ladder (participatieladder): how far residents took part in an activity,
and who initiated and who led it. The scale is defined here once; forms, the dashboard's legend
and the progress report read it from here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipationLevel(models.TextChoices):
    """The rungs of the ladder, lowest first."""

    INFORM = "inform", _("Informeren")
    CONSULT = "consult", _("Raadplegen")
    ADVISE = "advise", _("Adviseren")
    COPRODUCE = "coproduce", _("Coproduceren")
    DECIDE = "decide", _("(Mee)beslissen / zelf organiseren")

    @property
    def rung(self) -> int:
        """1 for informeren up to 5 for (mee)beslissen / zelf organiseren."""
        return list(type(self)).index(self) + 1

    @property
    def explanation(self) -> str:
        """What the rung means, in one line."""
        return str(EXPLANATIONS[self])

    @classmethod
    def scale(cls) -> list[dict]:
        """The ladder as the legend shows it: rung, name and explanation, lowest first."""
        return [
            {
                "value": level.value,
                "rung": level.rung,
                "label": level.label,
                "help": level.explanation,
            }
            for level in cls
        ]


EXPLANATIONS = {
    ParticipationLevel.INFORM: _("Bewoners horen wat er gebeurt; ze hebben er geen inbreng in."),
    ParticipationLevel.CONSULT: _(
        "Bewoners wordt om hun mening gevraagd; anderen beslissen wat ermee gebeurt."
    ),
    ParticipationLevel.ADVISE: _(
        "Bewoners brengen zelf ideeën en adviezen in; wie afwijkt, legt uit waarom."
    ),
    ParticipationLevel.COPRODUCE: _(
        "Bewoners bedenken en maken het samen met ons, als gelijkwaardige partners."
    ),
    ParticipationLevel.DECIDE: _(
        "Bewoners beslissen zelf of nemen het initiatief en organiseren het zelf."
    ),
}


class Lead(models.TextChoices):
    """Who initiated or led an activity."""

    DESIGNERS = "designers", _("Buurtdesigners")
    RESIDENTS = "residents", _("Bewoners")
    CLIENT = "client", _("Opdrachtgever")
    PARTNER = "partner", _("Partner")
