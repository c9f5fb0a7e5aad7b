"""A gentle check on wording: an ambition gives direction, a fixed result promises an output.

The agreement has no field for fixed results by design (DESIGN §1). When a text still reads
like one, the form explains the difference; it never blocks.
"""

import re

from django.utils.translation import gettext_lazy as _

FIXED_RESULT_PATTERNS = [
    # "minimaal 10 interventies", "ten minste 5 bijeenkomsten", "20 bewoners"
    re.compile(r"\b(minimaal|minstens|ten minste|tenminste|maximaal|precies)\s+\d+", re.I),
    re.compile(
        r"\b\d+\s*(interventies?|activiteiten|bijeenkomsten|workshops?|bewoners|deelnemers|"
        r"gesprekken|initiatieven|trainingen|sessies|%|procent)\b",
        re.I,
    ),
    # "de leefbaarheid is verbeterd", "de cohesie wordt versterkt"
    re.compile(
        r"\b(is|zijn|wordt|worden)\s+(aantoonbaar\s+)?(verbeterd|versterkt|toegenomen|"
        r"gestegen|gedaald|gerealiseerd|opgelost|behaald|bereikt|verhoogd)\b",
        re.I,
    ),
    re.compile(r"\b(garanderen|gegarandeerd|garantie)\b", re.I),
]

FIXED_RESULT_HINT = _(
    "Dit klinkt als een vast resultaat. Een ambitie geeft richting aan waar alle partijen samen "
    "naartoe werken; een vast resultaat (een aantal interventies, een verbetering die vaststaat) "
    "belooft iets voordat iemand in de buurt is geweest. Wat er echt verandert, leggen we vast "
    "als impact terwijl het ontstaat. U kunt het zo laten, maar overweeg een formulering als "
    "‘we werken eraan dat…’."
)


def reads_like_fixed_result(text: str) -> bool:
    """Whether `text` reads like a promised output rather than an ambition."""
    return any(pattern.search(text or "") for pattern in FIXED_RESULT_PATTERNS)
