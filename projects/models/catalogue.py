from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

cbs_code_validator = RegexValidator(
    r"^BU\d{8}$",
    _("Een CBS-buurtcode is 'BU' gevolgd door acht cijfers, bijvoorbeeld BU03630000."),
)


class Neighbourhood(models.Model):
    name = models.CharField(_("naam"), max_length=150)
    municipality = models.CharField(_("gemeente"), max_length=150)
    cbs_code = models.CharField(
        _("CBS-buurtcode"),
        max_length=10,
        blank=True,
        validators=[cbs_code_validator],
        help_text=_("Optioneel, bijvoorbeeld BU03630000."),
    )

    class Meta:
        verbose_name = _("buurt")
        verbose_name_plural = _("buurten")
        ordering = ["municipality", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "municipality"], name="unique_neighbourhood"),
            models.UniqueConstraint(
                fields=["cbs_code"], condition=~models.Q(cbs_code=""), name="unique_cbs_code"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.municipality})"


class Service(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    is_training = models.BooleanField(
        _("training"),
        default=False,
        help_text=_("Een traject van deze dienst heeft bijeenkomsten en deelnemers (Buurtwerk)."),
    )

    class Meta:
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ActivityKind(models.TextChoices):
    """What the designers did (Activity.kind); a variant lists the kinds it usually has."""

    STREET_CONVERSATION = "street_conversation", _("Straatgesprek")
    MEETING = "meeting", _("Bijeenkomst")
    WORKSHOP = "workshop", _("Workshop")
    INTERVENTION = "intervention", _("Interventie")
    TRAINING = "training", _("Training")
    COACHING = "coaching", _("Coaching")
    OTHER = "other", _("Anders")


class ServiceVariant(models.Model):
    service = models.ForeignKey(
        Service, verbose_name=_("dienst"), on_delete=models.PROTECT, related_name="variants"
    )
    name = models.CharField(_("naam"), max_length=100)
    description = models.TextField(_("omschrijving"), blank=True)
    typical_weeks = models.PositiveSmallIntegerField(_("gebruikelijke duur (weken)"), default=12)
    typical_hours = models.PositiveIntegerField(_("gebruikelijk aantal uren"), default=80)
    fee = models.DecimalField(_("honorarium (euro, excl. btw)"), max_digits=9, decimal_places=2)
    # The variant's template: what a new project and its first agreement draft start from.
    # Defaults only, copied once; a project changes them freely, and never promises an output.
    default_activity_kinds = models.JSONField(
        _("gebruikelijke soorten activiteiten"),
        default=list,
        blank=True,
        help_text=_("Deze soorten staan in het activiteitenformulier van een project vooraan."),
    )
    default_approach = models.TextField(
        _("aanpak (standaardtekst)"),
        blank=True,
        help_text=_(
            "Begint de aanpak in het eerste concept van de samenwerkingsafspraak; de fasen volgen "
            "eronder. Beschrijf het proces, geen vooraf vastgestelde resultaten."
        ),
    )
    default_principles = models.TextField(
        _("uitgangspunten (standaardtekst)"),
        blank=True,
        help_text=_("De uitgangspunten in het eerste concept van de samenwerkingsafspraak."),
    )
    # For a training (Service.is_training): what a new trajectory's sessions start from.
    session_count = models.PositiveSmallIntegerField(
        _("aantal bijeenkomsten"), default=0, help_text=_("Alleen voor trainingen.")
    )
    session_interval_days = models.PositiveSmallIntegerField(
        _("dagen tussen bijeenkomsten"), default=14, validators=[MinValueValidator(1)]
    )
    has_practice_assignment = models.BooleanField(_("met praktijkopdracht"), default=False)
    certificate_min_percent = models.PositiveSmallIntegerField(
        _("minimale aanwezigheid voor een deelnamebewijs (%)"),
        default=75,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("dienstvariant")
        verbose_name_plural = _("dienstvarianten")
        ordering = ["service__name", "fee"]
        constraints = [
            models.UniqueConstraint(fields=["service", "name"], name="unique_variant_per_service"),
            models.CheckConstraint(condition=models.Q(fee__gte=0), name="variant_fee_not_negative"),
        ]

    def __str__(self):
        return f"{self.service.name} – {self.name}"

    def clean(self):
        kinds = self.default_activity_kinds
        if not isinstance(kinds, list) or set(kinds) - set(ActivityKind.values):
            raise ValidationError(
                {"default_activity_kinds": _("Kies alleen bestaande soorten activiteiten.")},
                code="unknown_kind",
            )


class VariantPhase(models.Model):
    """A phase of the variant's template: a new project of the variant starts with these, in
    order, each planned for its indicative number of weeks from the project's start."""

    variant = models.ForeignKey(
        ServiceVariant,
        verbose_name=_("dienstvariant"),
        on_delete=models.CASCADE,
        related_name="template_phases",
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    name = models.CharField(_("naam"), max_length=100)
    description = models.TextField(_("omschrijving"), blank=True)
    indicative_weeks = models.PositiveSmallIntegerField(
        _("indicatieve duur (weken)"), default=4, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("standaardfase")
        verbose_name_plural = _("standaardfasen")
        ordering = ["variant", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(indicative_weeks__gte=1), name="variant_phase_at_least_a_week"
            ),
        ]

    def __str__(self):
        return self.name


class Theme(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["name"]

    def __str__(self):
        return self.name
