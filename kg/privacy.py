"""The privacy guard: people receiving support appear only as groups, never as persons.

Two checks, each returning :class:`Finding` objects that carry their reason in French and
English and never repeat the personal data in full (:attr:`Finding.masked`):

* :func:`scan_text` flags personal data in free text: e-mail addresses, French phone numbers,
  French social-security numbers (NIR, 15 digits whose two-digit key checks);
* :func:`check_group_name` flags a name that looks like a private individual ("Jean DUPONT",
  "DUPONT Jean", "M. Dupont", "Mme Martin", "Marie Dupont") where a group belongs.

>>> [f.kind for f in scan_text("Écrire à jean.dupont@exemple.fr ou au 06 12 34 56 78")]
['email', 'phone']
>>> scan_text("Le comité du Nord réunit 12 membres depuis 2018.")
[]
>>> check_group_name("Marie DUPONT").kind
'named-person'
>>> check_group_name("Groupe ressource RSA de Loire-Atlantique") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

REASONS = {
    "email": ("adresse électronique (donnée personnelle) : à retirer",
              "e-mail address (personal data): remove it"),
    "phone": ("numéro de téléphone (donnée personnelle) : à retirer",
              "phone number (personal data): remove it"),
    "nir": ("numéro de sécurité sociale (NIR, clé valide) : donnée personnelle sensible, à retirer",
            "French social-security number (NIR, valid key): sensitive personal data, remove it"),
    "named-person": ("les personnes accompagnées n'apparaissent que comme groupes : ce nom désigne "
                     "une personne (donnez un nom de groupe, ex. « Groupe ressource RSA »)",
                     "people receiving support appear only as groups: this name designates a person "
                     "(give a group name, e.g. \"RSA resource group\")"),
}


@dataclass(frozen=True)
class Finding:
    """One piece of personal data found in a text.

    ``start``/``end`` locate it in the scanned text; ``masked`` is a safe excerpt to show.
    """

    kind: str  # "email" | "phone" | "nir" | "named-person"
    start: int
    end: int
    masked: str

    @property
    def reason_fr(self) -> str:
        return REASONS[self.kind][0]

    @property
    def reason_en(self) -> str:
        return REASONS[self.kind][1]

    def reason(self, lang: str = "fr") -> str:
        """The reason in ``lang`` (``fr`` or ``en``).

        >>> scan_text("a@b.fr")[0].reason("en")
        'e-mail address (personal data): remove it'
        """
        return self.reason_en if lang == "en" else self.reason_fr


def mask(text: str, keep: int = 2) -> str:
    """First characters of ``text`` then ``…`` (what a report may show of personal data).

    >>> mask("jean.dupont@exemple.fr")
    'je…@exemple.fr'
    >>> mask("06 12 34 56 78")
    '06…'
    """
    if "@" in text:
        local, _, domain = text.partition("@")
        return f"{local[:keep]}…@{domain}"
    return text[:keep] + "…"


_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])", re.UNICODE)
_EMAIL_OBFUSCATED = re.compile(r"(?<![\w.+-])[\w.+-]+\s*[\[(]\s*(?:at|arobase)\s*[\])]\s*[\w-]+"
                               r"(?:\s*[\[(]?\s*(?:dot|point)\s*[\])]?\s*|\.)[A-Za-z]{2,}", re.I)
# 0X XX XX XX XX with spaces, dots or hyphens (or none); +33 / 0033 and an optional (0)
_PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)33[\s.-]?(?:\(0\)[\s.-]?)?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")
# NIR: sex (1, 2, 3, 7, 8), year, month (01-12, 20-42, 50-99), département (2A/2B or 2-3 digits),
# commune/country, order number, key (2 digits); spaces allowed between groups
_NIR = re.compile(r"(?<![\dA-Za-z])([1-478])\s?(\d{2})\s?(\d{2})\s?(\d{2}|2[ABab])\s?(\d{3})\s?(\d{3})"
                  r"\s?(\d{2})(?![\dA-Za-z])")


def nir_key_ok(nir: str) -> bool:
    """Whether a 15-character NIR has a valid key: ``97 - (number mod 97)``, Corsica's 2A/2B
    read as 19/18.

    >>> nir_key_ok("255081416802538")
    True
    >>> nir_key_ok("255081416802539")
    False
    >>> nir_key_ok("1 84 12 2A 123 456 97".replace(" ", ""))
    True
    """
    nir = nir.replace(" ", "").upper()
    if len(nir) != 15:
        return False
    body, key = nir[:13], nir[13:]
    body = body[:5] + {"2A": "19", "2B": "18"}.get(body[5:7], body[5:7]) + body[7:]
    if not body.isdigit() or not key.isdigit():
        return False
    number = int(body)
    return 97 - (number % 97) == int(key)


def _month_ok(month: str) -> bool:
    m = int(month)
    return 1 <= m <= 12 or 20 <= m <= 42 or 50 <= m <= 99


def scan_text(text: str) -> list[Finding]:
    """Personal data in a free text, in order of appearance.

    >>> [(f.kind, f.masked) for f in scan_text("NIR 2 55 08 14 168 025 38, tél. +33 6 12 34 56 78")]
    [('nir', '2 …'), ('phone', '+3…')]
    >>> scan_text("SIREN 200054781, code commune 75056, 21/09/2018")
    []
    """
    if not text:
        return []
    text = str(text)
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, m: re.Match) -> None:
        s, e = m.span()
        if any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        found.append(Finding(kind, s, e, mask(m.group())))

    for m in _NIR.finditer(text):
        digits = "".join(m.groups())
        if _month_ok(m.group(3)) and nir_key_ok(digits):
            add("nir", m)
    for m in _EMAIL.finditer(text):
        add("email", m)
    for m in _EMAIL_OBFUSCATED.finditer(text):
        add("email", m)
    for m in _PHONE.finditer(text):
        add("phone", m)
    return sorted(found, key=lambda f: f.start)


# -- named individuals where a group belongs --------------------------------------------------

_CIVILITY = re.compile(r"^(?:m|mr|mme|mlle|mmes|mm|mrs|ms|miss|dr|pr|me|monsieur|madame|mademoiselle)\b\.?\s+\S",
                       re.I)
#: Words that make a name a collective; compared without accents, lower case, singular.
GROUP_WORDS = {
    "groupe", "group", "collectif", "collective", "comite", "committee", "conseil", "council",
    "association", "asso", "usager", "user", "personne", "people", "person", "habitant", "resident",
    "beneficiaire", "beneficiary", "allocataire", "parent", "famille", "family", "jeune", "youth",
    "membre", "member", "representant", "representative", "crpa", "cvs", "federation", "reseau",
    "network", "atelier", "workshop", "commission", "club", "equipe", "team", "public", "femme",
    "women", "homme", "men", "senior", "locataire", "tenant", "delegue", "delegation", "ensemble",
    "accompagne", "concerne", "collectivite", "panel", "forum", "assemblee", "maison", "centre",
    "service", "union", "cercle", "amicale", "pair", "peer", "aidant", "carer", "citoyen", "citizen",
    "rsa", "cafe", "instance", "college", "participant", "travailleur", "worker", "salarie", "etudiant",
    "student", "chomeur", "demandeur", "enfant", "child", "children", "migrant", "refugie", "mineur",
}
#: Common French first names (INSEE's most given names since 1940 and their usual spellings):
#: a capitalised first name followed by one more capitalised word reads as a person.
FIRST_NAMES = set("""
jean pierre michel andre philippe rene louis alain jacques bernard marcel daniel roger robert paul
claude christian henri georges nicolas francois patrick gerard christophe joseph julien david eric
frederic laurent stephane pascal sebastien thierry olivier alexandre thomas maurice raymond antoine
guy vincent lucien dominique serge marc didier emile bruno yves fernand jerome roland gilles patrice
cedric guillaume maxime romain anthony kevin jeremy mathieu matthieu fabrice franck hugo lucas
theo nathan enzo leo louis gabriel arthur raphael jules adam mohamed ali karim mehdi youssef
marie jeanne francoise monique catherine nathalie isabelle jacqueline anne sylvie martine nicole
christine suzanne madeleine helene sandrine denise valerie sophie celine chantal stephanie veronique
christiane yvette aurelie julie camille laura emma lea chloe manon sarah ines jade louise alice lina
brigitte claudine genevieve josiane annie patricia corinne laurence virginie emilie caroline audrey
melanie elodie delphine agnes florence pascale odile colette simone paulette germaine yvonne therese
fatima aicha khadija samira nadia leila amina sonia karima rachida malika
""".split())

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)


def _plain(word: str) -> str:
    word = unicodedata.normalize("NFKD", word)
    word = "".join(c for c in word if not unicodedata.combining(c)).lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def check_group_name(name: str) -> Finding | None:
    """A :class:`Finding` if ``name`` looks like a private individual rather than a group.

    >>> check_group_name("M. Dupont").kind
    'named-person'
    >>> check_group_name("DUPONT Jean").kind
    'named-person'
    >>> check_group_name("Jean-Pierre Martin").kind
    'named-person'
    >>> check_group_name("Personnes accompagnées du CCAS de Lille") is None
    True
    >>> check_group_name("Les Ateliers du Sud") is None
    True
    """
    text = " ".join(str(name or "").split())
    if not text:
        return None
    finding = Finding("named-person", 0, len(text), mask(text, 3))
    if _CIVILITY.match(text):
        return finding
    words = _WORD.findall(text)
    if not words or any(_plain(w) in GROUP_WORDS for w in words):
        return None
    if not 2 <= len(words) <= 4:
        return None
    caps = [w for w in words if w.isupper() and len(w) >= 2]
    titled = [w for w in words if w[:1].isupper() and not w.isupper()]
    first = {_plain(part) for w in words for part in re.split(r"[-'’]", w)}
    # "Jean DUPONT", "DUPONT Jean", "Jean-Pierre DE LA FONTAINE"
    if caps and titled and len(caps) + len(titled) == len(words) and len(titled) <= 2:
        return finding
    # "Marie Dupont", "Jean-Pierre Martin": a known first name and capitalised words only
    if len(titled) == len(words) and any(p in FIRST_NAMES for p in first) and len(words) <= 3:
        return finding
    return None
