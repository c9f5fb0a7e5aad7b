"""The general terms (algemene voorwaarden) that every order confirmation declares applicable.

The admin edits them as numbered versions; one version is active and goes with each new
confirmation as its annex. A version that a confirmation used keeps its text for good, so the
confirmation's record of "version 2" always means the text that was sent.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

# The first version, put in place on first use (a fresh database, a flushed test database): the
# firm replaces it in the admin with its own text. Seed data in Dutch, like the demo texts.
FIRST_VERSION = "2026-1"
FIRST_TEXT = """\
Artikel 1 – Toepasselijkheid
Deze voorwaarden gelden voor elke opdracht aan De Buurtontdekkers. Afwijkingen gelden alleen als \
ze schriftelijk in de opdrachtbevestiging staan.

Artikel 2 – Gedeelde verantwoordelijkheid
De opdracht wordt uitgevoerd in co-creatie met de opdrachtgever, bewoners en partners. Iedere \
partij levert de inzet die in de samenwerkingsafspraak staat. De Buurtontdekkers hebben een \
inspanningsverplichting, geen resultaatsverplichting: geen enkele partij is alleen \
verantwoordelijk voor het resultaat.

Artikel 3 – Looptijd en voortgang
De opdracht omvat het hele traject zoals beschreven in de opdrachtbevestiging. Aan het einde van \
elke fase besluiten de partijen samen of het traject doorgaat zoals afgesproken, wordt \
aangepast of stopt. Een aanpassing wordt een nieuwe versie van de samenwerkingsafspraak.

Artikel 4 – Honorarium en betaling
Het honorarium staat in de opdrachtbevestiging en is exclusief btw. Facturen worden betaald binnen \
30 dagen na factuurdatum.

Artikel 5 – Tussentijds beëindigen
Iedere partij kan de opdracht schriftelijk beëindigen met een opzegtermijn van één maand. Het werk \
dat tot dan is gedaan, wordt naar rato gefactureerd.

Artikel 6 – Vertrouwelijkheid en privacy
Wat bewoners ons toevertrouwen, gebruiken we alleen met hun toestemming. Persoonsgegevens \
verwerken we volgens de Algemene verordening gegevensbescherming (AVG).

Artikel 7 – Aansprakelijkheid
De aansprakelijkheid van De Buurtontdekkers is beperkt tot het bedrag dat voor de opdracht is \
gefactureerd, met uitzondering van opzet of grove schuld.

Artikel 8 – Toepasselijk recht
Op de opdracht is Nederlands recht van toepassing.
"""


class TermsLocked(ValidationError):
    """Raised when the text of a version that a confirmation used would change."""

    def __init__(self):
        super().__init__(
            _(
                "Deze versie van de algemene voorwaarden hoort bij een verstuurde "
                "opdrachtbevestiging en kan niet meer veranderen. Maak een nieuwe versie."
            ),
            code="terms_locked",
        )


class GeneralTerms(models.Model):
    version = models.CharField(
        _("versie"), max_length=20, unique=True, help_text=_("Bijvoorbeeld 2026-1.")
    )
    text = models.TextField(_("tekst"))
    is_active = models.BooleanField(
        _("actief"),
        default=False,
        help_text=_(
            "De versie die nieuwe opdrachtbevestigingen als bijlage krijgen. Een andere versie "
            "actief maken zet deze uit."
        ),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("algemene voorwaarden")
        verbose_name_plural = _("algemene voorwaarden")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=models.Q(is_active=True),
                name="one_active_general_terms",
            ),
        ]

    def __str__(self):
        return str(_("Algemene voorwaarden, versie %(version)s") % {"version": self.version})

    def save(self, *args, **kwargs):
        if self.is_used:
            stored = GeneralTerms.objects.values("version", "text").get(pk=self.pk)
            if stored != {"version": self.version, "text": self.text}:
                raise TermsLocked
        with transaction.atomic():
            if self.is_active:
                GeneralTerms.objects.filter(is_active=True).exclude(pk=self.pk).update(
                    is_active=False
                )
            super().save(*args, **kwargs)

    @property
    def is_used(self) -> bool:
        return self.pk is not None and self.order_confirmations.exists()

    @classmethod
    def current(cls) -> "GeneralTerms | None":
        """The active version; on first use (no versions at all) the first version is put in
        place. None when versions exist but none is active."""
        if not cls.objects.exists():
            cls.objects.bulk_create(
                [cls(version=FIRST_VERSION, text=FIRST_TEXT, is_active=True)],
                ignore_conflicts=True,
            )
        return cls.objects.filter(is_active=True).first()
