"""Emergent impact: entries harvested as they appear, and resident initiatives over time.

An `ImpactEntry` follows Outcome Harvesting: what changed, for whom, when and where; why it
matters; how the project contributed (`Contribution` rows, never attribution); who can confirm it.

A `Contribution` links an entry to one activity that helped bring the change about. The
co-creation commitments that contributed are linked through `ImpactEntry.commitments`
(impact builds on cocreation, never the other way round).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from cocreation.models import Commitment
from core.models import Photo
from core.rows import read_along
from projects.models import Activity, Project, Theme


class Visibility(models.TextChoices):
    INTERNAL = "internal", _("Intern")
    SHARED = "shared", _("Gedeeld met de opdrachtgever")


class ConsentMethod(models.TextChoices):
    NONE = "", _("Geen toestemming")
    VERBAL = "verbal", _("Mondeling")
    WRITTEN = "written", _("Schriftelijk")


class ConsentScope(models.TextChoices):
    """What the resident agreed to, as a ladder: each step includes the ones before it."""

    NONE = "", _("Nog niet vastgelegd")
    INTERNAL = "internal", _("Alleen intern gebruik")
    CLIENT = "client", _("Delen met de opdrachtgever")
    PUBLICATION = "publication", _("Publicatie")


# Consent scopes that allow showing a resident's words or images to a client or partner.
CLIENT_SCOPES = [ConsentScope.CLIENT, ConsentScope.PUBLICATION]

SHAREABLE = (
    Q(visibility=Visibility.INTERNAL)
    | Q(involves_resident=False)
    | Q(consent_scope__in=CLIENT_SCOPES)
)
CONSENT_ABSENT = Q(consent_method="", consent_scope="", consent_date__isnull=True)
CONSENT_COMPLETE = ~Q(consent_method="") & ~Q(consent_scope="") & Q(consent_date__isnull=False)


class ImpactEntryQuerySet(models.QuerySet):
    def for_clients(self):
        """Entries a client or partner may read: shared, and with the resident's consent."""
        return self.filter(visibility=Visibility.SHARED, consent_withdrawn_at__isnull=True).filter(
            Q(involves_resident=False) | Q(consent_scope__in=CLIENT_SCOPES)
        )


class ImpactEntry(models.Model):
    class Kind(models.TextChoices):
        OUTCOME = "outcome", _("Uitkomst")
        STORY = "story", _("Verhaal")
        SIGNAL = "signal", _("Signaal")
        QUOTE = "quote", _("Citaat")
        CONNECTION = "connection", _("Nieuwe verbinding")
        LEARNING = "learning", _("Leeropbrengst")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="impact_entries"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind, default=Kind.OUTCOME)
    title = models.CharField(
        _("wat is er veranderd?"),
        max_length=200,
        help_text=_("In één zin, bijvoorbeeld: buren in de Vlinderstraat groeten elkaar nu."),
    )
    description = models.TextField(
        _("beschrijving"),
        blank=True,
        help_text=_("Wat veranderde er precies? Bij een citaat of verhaal: de woorden zelf."),
    )
    for_whom = models.CharField(_("voor wie"), max_length=200, blank=True)
    occurred_on = models.DateField(_("wanneer"), default=timezone.localdate)
    location = models.CharField(
        _("waar"),
        max_length=200,
        blank=True,
        help_text=_("Een straat, plein of gebouw; geen huisadres van een bewoner."),
    )
    significance = models.TextField(
        _("waarom doet het ertoe?"), blank=True, help_text=_("De betekenis voor de buurt.")
    )
    contribution_note = models.TextField(
        _("hoe droeg het project bij?"),
        blank=True,
        help_text=_("Bijdrage, geen toeschrijving: wat deden wij of anderen dat hielp?"),
    )
    substantiated_by = models.CharField(
        _("wie kan het bevestigen?"),
        max_length=200,
        blank=True,
        help_text=_("Een naam of rol, bijvoorbeeld: voorzitter bewonersgroep."),
    )
    substantiated = models.BooleanField(_("bevestigd"), default=False)
    themes = models.ManyToManyField(Theme, verbose_name=_("thema's"), blank=True)
    commitments = models.ManyToManyField(
        Commitment,
        verbose_name=_("inzet die bijdroeg"),
        blank=True,
        related_name="impact_entries",
    )
    visibility = models.CharField(
        _("zichtbaarheid"), max_length=20, choices=Visibility, default=Visibility.INTERNAL
    )
    # Consent for a resident's words or images (AVG): whether, how, when and for what.
    involves_resident = models.BooleanField(
        _("woorden of beeld van een bewoner"),
        default=False,
        help_text=_("Een citaat, een verhaal of een herkenbare foto van een bewoner."),
    )
    consent_method = models.CharField(
        _("toestemming"), max_length=20, choices=ConsentMethod, blank=True, default=""
    )
    consent_date = models.DateField(_("toestemming gegeven op"), null=True, blank=True)
    consent_scope = models.CharField(
        _("toestemming voor"), max_length=20, choices=ConsentScope, blank=True, default=""
    )
    consent_withdrawn_at = models.DateTimeField(
        _("toestemming ingetrokken op"), null=True, blank=True, editable=False
    )
    consent_withdrawal_note = models.TextField(
        _("toelichting bij intrekken"), blank=True, editable=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ImpactEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("impactitem")
        verbose_name_plural = _("impactitems")
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["project", "-occurred_on", "-id"], name="impact_timeline"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=CONSENT_ABSENT | CONSENT_COMPLETE,
                name="impact_consent_recorded_completely",
                violation_error_message=_(
                    "Leg bij toestemming vast hoe, wanneer en waarvoor de bewoner die gaf."
                ),
            ),
            models.CheckConstraint(
                condition=SHAREABLE,
                name="impact_shared_needs_consent",
                violation_error_message=_(
                    "Zonder toestemming van de bewoner kan dit niet gedeeld worden met de "
                    "opdrachtgever."
                ),
            ),
            models.CheckConstraint(
                condition=Q(consent_withdrawn_at__isnull=True)
                | (
                    Q(visibility=Visibility.INTERNAL, involves_resident=True)
                    & ~Q(consent_method="")
                ),
                name="impact_withdrawn_consent_stays_internal",
                violation_error_message=_("De toestemming is ingetrokken; dit item blijft intern."),
            ),
            models.CheckConstraint(
                condition=Q(substantiated=False) | ~Q(substantiated_by=""),
                name="impact_confirmed_names_who",
                violation_error_message=_("Vul in wie het heeft bevestigd."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def consent_withdrawn(self) -> bool:
        return self.consent_withdrawn_at is not None

    @property
    def kind_icon(self) -> str:
        return KIND_ICONS.get(self.kind, "bi-stars")

    @cached_property
    def contribution_list(self) -> list:
        """The activities that contributed (as contributions, latest activity first): those
        read along with the entry when they were (`contribution_rows`, see impact.selectors),
        else from the database."""
        stored = self.contributions.select_related("activity")
        contributions = read_along(self, "contribution_rows", Contribution, stored)
        contributions.sort(key=lambda c: (c.activity.date, c.activity_id), reverse=True)
        return contributions

    @cached_property
    def substantiation_labels(self) -> list[str]:
        """What the independent substantiation says so far ("bevestigd door een bewoner",
        "gevraagd, nog geen antwoord"), from `substantiation_rows` when read along (see
        impact.selectors.with_substantiation), else from the database."""
        stored = self.substantiation_requests.all()
        model = stored.model  # SubstantiationRequest, which builds on this module
        return model.labels_of(read_along(self, "substantiation_rows", model, stored))

    @property
    def words_shown_outside(self) -> bool:
        """Whether the entry's own words may be shown outside the team: no resident's words,
        or the resident consented to sharing them and has not withdrawn."""
        if not self.involves_resident:
            return True
        return not self.consent_withdrawn and self.consent_scope in CLIENT_SCOPES

    def clean(self):
        errors = {}
        if self.consent_method:
            if self.consent_date is None:
                errors["consent_date"] = _("Vul in wanneer de bewoner toestemming gaf.")
            if not self.consent_scope:
                errors["consent_scope"] = _("Kies waarvoor de bewoner toestemming gaf.")
        elif self.consent_scope or self.consent_date:
            errors["consent_method"] = _("Kies hoe de bewoner toestemming gaf.")
        if self.consent_withdrawn:
            if self.visibility != Visibility.INTERNAL:
                errors["visibility"] = _(
                    "De bewoner heeft de toestemming ingetrokken; dit item blijft intern."
                )
            if not self.involves_resident:
                errors["involves_resident"] = _(
                    "De bewoner heeft de toestemming ingetrokken; dit blijft aangevinkt."
                )
        elif (
            self.visibility == Visibility.SHARED
            and self.involves_resident
            and self.consent_scope not in CLIENT_SCOPES
            and "consent_scope" not in errors
        ):
            errors["visibility"] = _(
                "Dit gaat over woorden of beeld van een bewoner. Delen met de opdrachtgever kan "
                "pas als de bewoner daar toestemming voor gaf."
            )
        if self.substantiated and not self.substantiated_by.strip():
            errors["substantiated_by"] = _("Vul in wie het heeft bevestigd.")
        if errors:
            raise ValidationError(errors)


KIND_ICONS = {
    ImpactEntry.Kind.OUTCOME: "bi-stars",
    ImpactEntry.Kind.STORY: "bi-book",
    ImpactEntry.Kind.SIGNAL: "bi-broadcast",
    ImpactEntry.Kind.QUOTE: "bi-quote",
    ImpactEntry.Kind.CONNECTION: "bi-people",
    ImpactEntry.Kind.LEARNING: "bi-mortarboard",
}


class Contribution(models.Model):
    """One activity that contributed to an entry (commitments: `ImpactEntry.commitments`)."""

    entry = models.ForeignKey(
        ImpactEntry,
        verbose_name=_("impactitem"),
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activiteit"),
        on_delete=models.CASCADE,
        related_name="impact_contributions",
    )

    class Meta:
        verbose_name = _("bijdrage")
        verbose_name_plural = _("bijdragen")
        ordering = ["-activity__date", "-activity_id"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "activity"], name="impact_contribution_once"),
        ]

    def __str__(self):
        return str(self.activity)

    def clean(self):
        if self.activity_id and self.entry_id and self.activity.project_id != self.entry.project_id:
            raise ValidationError({"activity": _("Kies een activiteit van dit project.")})


class ImpactPhoto(Photo):
    """A photo of an entry, stored like activity photos: re-encoded, without EXIF."""

    UPLOAD_DIR = "impact/%Y/%m/"

    entry = models.ForeignKey(
        ImpactEntry, verbose_name=_("impactitem"), on_delete=models.CASCADE, related_name="photos"
    )

    class Meta(Photo.Meta):
        pass
