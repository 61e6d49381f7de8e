"""Finding what looks like personal data in a member's question, to show and to take out.

Editors decide; this only points. It looks for emails, phone numbers, street addresses
and names: the member's own (from their account), names after words such as "my son" or
"called", and capitalised words in mid-sentence that are not ordinary capitalised words
of the site (CRAFT, AA, months...). It errs towards highlighting too much: a false
highlight costs the editor a glance, a missed name costs a family its privacy.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<!\w)\+?(?:\d[\s().-]*){6,14}\d(?!\w)")
STREET_WORDS = (
    r"street|st|avenue|ave|road|rd|lane|ln|drive|dr|court|ct|boulevard|blvd|way|place|pl|"
    r"terrace|close|crescent|highway|hwy"
)
ADDRESS = re.compile(
    rf"\b\d{{1,5}}\s+(?:[A-Z][\w'-]*\s+){{1,3}}(?:{STREET_WORDS})\b\.?", re.IGNORECASE
)
RELATIVES = (
    r"son|daughter|husband|wife|partner|boyfriend|girlfriend|brother|sister|mother|father|"
    r"mom|mum|dad|child|kid|grandson|granddaughter|nephew|niece|friend|name is|named|called|"
    r"i am|i'm"
)
CUED_NAME = re.compile(rf"\b(?i:{RELATIVES}),?\s+([A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?)")
CAPITALISED = re.compile(r"\b[A-Z][a-z'-]+\b")
#: Capitalised words that are not names (case as written; "I" is never flagged).
_NOT_NAMES_TEXT = """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December Loved One CRAFT SUD AA NA
    Al-Anon Nar-Anon Christmas Thanksgiving Easter God Suboxone Narcan Xanax Klonopin Valium
    Adderall Ritalin Vivitrol Ativan I I'm I've I'd English Spanish America American
"""
NOT_NAMES = set(_NOT_NAMES_TEXT.split())


LABELS = {
    "email": "an email address",
    "phone": "a phone number",
    "address": "a street address",
    "name": "a name",
    "proper noun": "a name or a place",
}


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    kind: str  # "email", "phone", "address", "name" or "proper noun"

    @property
    def placeholder(self):
        return "[name]" if self.kind == "proper noun" else f"[{self.kind}]"

    @property
    def label(self):
        return LABELS[self.kind]


def _sentence_starts(text):
    starts = {0}
    for match in re.finditer(r"[.!?]\s+|\n+\s*", text):
        starts.add(match.end())
    return starts


def find_personal_data(text, known_names=()):
    """Everything in ``text`` that looks personal, as non-overlapping spans in order."""
    found = []
    for pattern, kind in ((EMAIL, "email"), (ADDRESS, "address"), (PHONE, "phone")):
        found += [Finding(m.start(), m.end(), kind) for m in pattern.finditer(text)]
    for name in {n.strip() for n in known_names if n and len(n.strip()) > 1}:
        for match in re.finditer(rf"\b{re.escape(name)}\b", text, re.IGNORECASE):
            found.append(Finding(match.start(), match.end(), "name"))
    for match in CUED_NAME.finditer(text):
        if match.group(1).split()[0] not in NOT_NAMES:
            found.append(Finding(match.start(1), match.end(1), "name"))
    starts = _sentence_starts(text)
    for match in CAPITALISED.finditer(text):
        if match.start() not in starts and match.group() not in NOT_NAMES:
            found.append(Finding(match.start(), match.end(), "proper noun"))
    return _without_overlaps(found)


def _without_overlaps(found):
    """The longest finding wins where two overlap; the result is in text order."""
    kept = []
    for finding in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    return kept


def known_names_of(user):
    """What the member's account says about who they are (never published)."""
    local = (user.email or "").split("@")[0]
    return [user.first_name, user.last_name, user.username, local]


def scrubbed(text, findings):
    """``text`` with each finding replaced by its placeholder, e.g. "[name]"."""
    parts, last = [], 0
    for finding in findings:
        parts += [text[last : finding.start], finding.placeholder]
        last = finding.end
    parts.append(text[last:])
    return "".join(parts)


def highlighted(text, findings):
    """``text`` as safe HTML with each finding in a ``<mark>`` naming its kind."""
    parts, last = [], 0
    for finding in findings:
        parts.append(escape(text[last : finding.start]))
        value = escape(text[finding.start : finding.end])
        parts.append(
            f'<mark class="personal-data" title="Looks like {finding.label}">{value}</mark>'
        )
        last = finding.end
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))
