from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
    _user_has_perm,
)
from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

# How long the header may name an external person's roles without asking again; a change of
# their memberships forgets it at once, and logging in asks afresh (projects/apps.py).
EXTERNAL_ROLES_CACHED_FOR = 60 * 60


def external_roles_key(user_id: int) -> str:
    return f"projects:external-roles:{user_id}"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, role=User.Role.ADMIN)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address.

    Staff roles (admin, designer) live on the user; what an external person (client contact,
    partner) may see follows from their project memberships.
    """

    class Role(models.TextChoices):
        ADMIN = "admin", _("Beheerder")
        DESIGNER = "designer", _("Buurtdesigner")
        EXTERNAL = "external", _("Extern (opdrachtgever of partner)")

    email = models.EmailField(_("e-mailadres"), unique=True)
    name = models.CharField(_("naam"), max_length=150, blank=True)
    role = models.CharField(_("rol"), max_length=20, choices=Role, default=Role.EXTERNAL)
    organisation = models.ForeignKey(
        "projects.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(
        _("toegang tot beheer"),
        default=False,
        help_text=_("Mag inloggen op de beheeromgeving."),
    )
    date_joined = models.DateTimeField(_("lid sinds"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["name", "email"]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return (self.name or self.email).split(" ")[0]

    def has_perm(self, perm, obj=None):
        # Object permissions follow DESIGN §5 for everyone: a superuser is no exception there
        # (an admin may not agree for a client, nor raise a concern).
        if obj is not None:
            return self.is_active and _user_has_perm(self, perm, obj)
        return super().has_perm(perm, obj)

    @cached_property
    def role_label(self) -> str:
        """The role the header shows: admin or designer, and for an external person what they
        are in their projects (opdrachtgever, partner), by their memberships."""
        if self.role != self.Role.EXTERNAL:
            return self.get_role_display()
        # Cached: the header is on every page, and a page's query budget has no room for it.
        roles = cache.get(external_roles_key(self.pk))
        if roles is None:
            roles = self.remember_external_roles()
        role = self.memberships.model.Role  # Membership's, whose module imports this one
        labels = [str(choice.label) for choice in (role.CLIENT, role.PARTNER) if choice in roles]
        return " / ".join(labels) or str(_("Extern"))

    def remember_external_roles(self) -> list[str]:
        """Read the roles of this person's memberships and cache them for the header."""
        roles = sorted(set(self.memberships.values_list("role", flat=True)))
        cache.set(external_roles_key(self.pk), roles, EXTERNAL_ROLES_CACHED_FOR)
        return roles

    @property
    def is_designer_or_admin(self) -> bool:
        return self.is_active and (self.is_superuser or self.role in {"admin", "designer"})


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "gemeente", _("Gemeente")
        HOUSING = "woningcorporatie", _("Woningcorporatie")
        WELFARE = "welzijnsorganisatie", _("Welzijnsorganisatie")
        RESIDENTS = "bewonersgroep", _("Bewonersgroep")
        PARTNER = "partner", _("Partner")
        OWN = "buurtontdekkers", _("De Buurtontdekkers")

    # Who commissions a project (DESIGN §1); residents' groups and partners take part in one.
    CLIENT_KINDS = (Kind.MUNICIPALITY, Kind.HOUSING, Kind.WELFARE)

    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=30, choices=Kind)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    address = models.CharField(_("adres"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self):
        return self.name
