from .certificates import Certificate
from .learning import Evaluation, PracticeAssignment
from .participants import Participant, Registration
from .sessions import Attendance, Session

__all__ = [
    "Attendance",
    "Certificate",
    "Evaluation",
    "Participant",
    "PracticeAssignment",
    "Registration",
    "Session",
]
