"""Writes of the co-creation app, one module per feature. Each runs in one transaction;
e-mails and tasks leave after it commits. The public functions are gathered here so callers
write `services.consent_to(...)`."""

from .agreements import (
    agreement_draft_save,
    agreement_for,
    agreement_version_new_draft,
    agreement_version_propose,
    agreement_version_update,
    commitment_add,
    commitment_remove,
    party_add,
    party_remove,
)
from .check_ins import REMINDER_DAYS_BEFORE, check_in_record, check_in_send_reminders
from .concerns import concern_close, concern_mark_read, concern_raise, concern_reply
from .confirmations import (
    confirmation_copy_ready,
    order_confirmation_generate,
    order_confirmation_ready,
    order_confirmation_retry,
    order_confirmation_sweep,
)
from .consent import consent_decline, consent_to
from .decisions import continuation_decision_record, continuation_send_reminders
from .pulse import (
    pulse_answer,
    pulse_interval_set,
    pulse_opt_out,
    pulse_send_invitations,
)

__all__ = [
    "REMINDER_DAYS_BEFORE",
    "agreement_draft_save",
    "agreement_for",
    "agreement_version_new_draft",
    "agreement_version_propose",
    "agreement_version_update",
    "check_in_record",
    "check_in_send_reminders",
    "commitment_add",
    "commitment_remove",
    "concern_close",
    "concern_mark_read",
    "concern_raise",
    "concern_reply",
    "consent_decline",
    "consent_to",
    "continuation_decision_record",
    "continuation_send_reminders",
    "confirmation_copy_ready",
    "order_confirmation_generate",
    "order_confirmation_ready",
    "order_confirmation_retry",
    "order_confirmation_sweep",
    "party_add",
    "party_remove",
    "pulse_answer",
    "pulse_interval_set",
    "pulse_opt_out",
    "pulse_send_invitations",
]
