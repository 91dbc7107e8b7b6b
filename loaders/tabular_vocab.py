"""The spreadsheet template: sheets, columns (French names, English accepted) and value lists.

A value (category, role, scale…) is accepted as its code, its French or English label, or a
common synonym; comparisons ignore accents, case, hyphens, apostrophes and a plural ``s``.
Labels of the ontology (``kg.ontology``, when present) are accepted too.

>>> VOCABS["category"].match("Fédérations")
'federation'
>>> VOCABS["category"].match("Charities")
'association-caritative'
>>> VOCABS["role"].match("Porteur")
'porteur'
>>> VOCABS["category"].suggest("fédé")
['federation']
>>> find_sheet("Adhésions").key, find_sheet("memberships").key
('adhesions', 'adhesions')
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass, field

from kg.i18n import pick
from kg.namespaces import SCHEMES
from kg.text import name_key

# -- value lists -------------------------------------------------------------------------------

# code -> (French label, English label, synonyms...)
LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "category": {
        "collectivite-territoriale": ("Collectivité territoriale", "Local authority", "collectivité", "local government"),
        "collectivite-region": ("Région (collectivité)", "Regional council", "région", "conseil régional", "region"),
        "collectivite-departement": ("Département (collectivité)", "Departmental council", "département",
                                     "conseil départemental", "conseil général", "department"),
        "collectivite-epci": ("EPCI / métropole", "Intercommunality / metropolis", "EPCI", "métropole",
                              "intercommunalité", "communauté de communes", "communauté d'agglomération",
                              "communauté urbaine", "CIAS"),
        "collectivite-commune": ("Commune / CCAS", "Municipality / CCAS", "commune", "CCAS", "mairie", "ville",
                                 "municipality", "town"),
        "services-etat": ("Services de l'État", "State services", "État", "state", "préfecture"),
        "administration-centrale": ("Administration centrale", "Central administration", "ministère", "DGCS",
                                    "ministry"),
        "services-deconcentres": ("Services déconcentrés de l'État", "Devolved State services", "services déconcentrés",
                                  "DDETS", "DREETS", "DDCS", "DRJSCS", "DDETSPP"),
        "protection-sociale": ("Organismes de protection sociale", "Social protection bodies", "protection sociale",
                               "CAF", "MSA", "CPAM", "CARSAT", "sécurité sociale", "social security"),
        "federation": ("Fédérations", "Federations", "fédération associative", "UDAF", "URIOPSS", "UNIOPSS"),
        "association-gestionnaire": ("Associations gestionnaires d'établissements et services",
                                     "Associations running establishments and services",
                                     "association gestionnaire", "établissement", "ESMS"),
        "association-caritative": ("Associations caritatives", "Charities", "association caritative", "charity"),
        "formation": ("Écoles et instituts de formation en travail social", "Social-work schools and training institutes",
                      "formation", "école", "IRTS", "IRTESS", "centre de formation", "training", "school"),
        "universite-recherche": ("Université et recherche", "University and research", "université", "recherche",
                                 "university", "research", "laboratoire"),
        "partenaires-sociaux": ("Partenaires sociaux", "Social partners", "syndicat", "trade union"),
        "representants-professionnels": ("Représentants des professionnels", "Professionals' representatives",
                                         "association professionnelle", "professional association"),
        "representants-personnes-accompagnees": ("Représentants des personnes accompagnées",
                                                 "Representatives of people receiving support", "CRPA",
                                                 "association d'usagers", "user association"),
        "personnes-accompagnees": ("Personnes accompagnées", "People receiving support", "usagers",
                                   "personnes concernées", "service users", "users"),
        "travailleurs-sociaux": ("Travailleurs sociaux de terrain", "Front-line social workers",
                                 "travailleurs sociaux", "social workers"),
        "encadrement-employeurs": ("Encadrement et employeurs", "Managers and employers", "encadrement",
                                   "employeurs", "managers", "employers"),
        "elus": ("Élus", "Elected officials", "élu", "elected"),
        "instances-nationales": ("Instances nationales", "National bodies", "HCTS", "CSTS", "national body"),
        "comites-ethique": ("Comités d'éthique locaux", "Local ethics committees", "comité d'éthique", "ethics committee"),
        "developpement-social": ("Acteurs du développement social", "Social-development actors",
                                 "développement social", "social development"),
        "operateurs-appui": ("Opérateurs d'appui", "Support operators", "ANSA", "CNFPT", "support operator"),
    },
    "level": {
        "international": ("International", "International"),
        "national": ("National", "National", "France"),
        "region": ("Région", "Region"),
        "departement": ("Département", "Department", "dép", "dept"),
        "intercommunalite": ("Intercommunalité (EPCI)", "Intercommunality (EPCI)", "EPCI", "intercommunalité",
                             "métropole"),
        "commune": ("Commune", "Municipality"),
        "infra-communal": ("Infra-communal", "Sub-municipal", "quartier", "arrondissement municipal"),
        "territoire-projet": ("Territoire de projet", "Project territory", "bassin de vie"),
        "collectivite-outre-mer": ("Collectivité d'outre-mer", "Overseas collectivity", "COM"),
    },
    "scale": {
        "initiale": ("Échelle initiale", "Initial scale", "initiale", "initial", "individuelle", "individual"),
        "mise-en-lien": ("Échelle de la mise en lien", "Linking scale", "mise en lien", "linking", "lien"),
        "mise-en-synergie": ("Échelle de la mise en synergie", "Synergy scale", "mise en synergie", "synergie",
                             "synergy"),
    },
    "world": {
        "social": ("Social", "Social"),
        "animation": ("Animation", "Community activities", "animation sociale"),
        "economie": ("Économie", "Economy", "éco", "économique"),
        "amenagement": ("Aménagement", "Planning", "aménagement du territoire", "spatial planning"),
        "logement": ("Logement", "Housing"),
        "sante": ("Santé", "Health"),
        "emploi-insertion": ("Emploi et insertion", "Employment and inclusion", "emploi", "insertion", "employment"),
        "culture": ("Culture", "Culture"),
        "education-formation": ("Éducation et formation", "Education and training", "éducation", "education"),
        "numerique": ("Numérique", "Digital"),
    },
    "participation": {
        "consultation": ("Consultation", "Consultation"),
        "co-construction": ("Co-construction", "Co-construction"),
        "coproduction": ("Coproduction", "Co-production"),
    },
    "role": {
        "membre": ("Membre", "Member"),
        "porteur": ("Porteur", "Lead", "porteuse", "structure porteuse", "lead organisation"),
        "co-pilote": ("Co-pilote", "Co-lead", "copilote", "co-pilot"),
        "comite-pilotage": ("Comité de pilotage", "Steering group", "copil", "steering committee"),
        "groupe-ressource": ("Groupe ressource", "Resource group"),
        "groupe-travail": ("Groupe de travail", "Working group"),
        "president": ("Président·e", "Chair", "président", "présidente", "president", "chairperson"),
        "vice-president": ("Vice-président·e", "Vice-chair", "vice-président", "vice-présidente", "vice-president"),
        "secretariat": ("Secrétariat", "Secretariat"),
        "appui-methodologique": ("Appui méthodologique", "Methodological support"),
        "chef-de-service": ("Chef·fe de service", "Head of department", "chef de service", "cheffe de service"),
        "sous-directeur": ("Sous-directeur·rice", "Sub-director", "sous-directeur", "sous-directrice"),
    },
    "partnership-nature": {
        "financement": ("Financement", "Funding"),
        "convention": ("Convention", "Agreement", "conventionnement"),
        "co-construction": ("Co-construction", "Co-construction"),
        "partage-information": ("Partage d'information", "Information sharing", "partage d'informations"),
        "accompagnement": ("Accompagnement", "Support", "accompaniment"),
        "formation": ("Formation", "Training"),
    },
    "kind": {
        "organisation": ("Organisation", "Organisation", "organization", "structure", "institution"),
        "groupe": ("Groupe", "Group", "collectif"),
        "personne": ("Personne (rôle public)", "Person (public role)", "personne", "person"),
    },
    "update": {
        "oui": ("Oui", "Yes", "x", "1", "vrai", "true", "mise à jour", "mettre à jour", "update"),
        "non": ("Non", "No", "0", "faux", "false"),
    },
}


@dataclass
class Vocab:
    """Matches cell text to the codes of one value list."""

    scheme: str
    labels: dict[str, tuple[str, ...]]
    _index: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        for code, names in self.labels.items():
            for text in (code, *names):
                self._index.setdefault(name_key(text), code)
        for code, names in _ontology_labels(self.scheme).items():
            if code in self.labels:
                for text in names:
                    self._index.setdefault(name_key(text), code)

    def match(self, text: str) -> str | None:
        """The code for ``text``, or ``None``."""
        return self._index.get(name_key(text))

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """Codes whose labels are close to ``text`` (for "did you mean …")."""
        k = name_key(text)
        close = [i for i in self._index if len(k) >= 3 and (i.startswith(k) or k.startswith(i) and len(i) >= 3)]
        close += difflib.get_close_matches(k, list(self._index), n=n * 3, cutoff=0.7)
        out: list[str] = []
        for k in close:
            if self._index[k] not in out:
                out.append(self._index[k])
        return out[:n]

    def label(self, code: str, lang: str = "fr") -> str:
        names = self.labels.get(code, (code, code))
        return pick(names[0], names[1], lang)

    def choices(self, lang: str = "fr") -> str:
        """The accepted codes with their label, for "expected …" messages."""
        return ", ".join(f"{code} ({self.label(code, lang)})" for code in self.labels)


#: Value lists of the template only (not concept schemes of the ontology).
LOCAL_SCHEMES = {"kind", "update"}


@functools.lru_cache(maxsize=None)
def _ontology_labels(scheme: str) -> dict[str, tuple[str, ...]]:
    """Labels of the ontology's concepts when ``kg.ontology`` is available (else nothing)."""
    if scheme in LOCAL_SCHEMES:
        return {}
    try:
        from kg import ontology  # written by another part of the project; optional here
        out: dict[str, list[str]] = {}
        for lang in ("fr", "en"):
            for _iri, code, label in ontology.concepts(scheme, lang):
                out.setdefault(code, []).append(label)
        return {k: tuple(v) for k, v in out.items()}
    except Exception:  # noqa: BLE001 - the ontology is optional for matching
        return {}


def _check_codes() -> None:
    for scheme, labels in LABELS.items():
        if scheme in LOCAL_SCHEMES:
            continue
        missing = set(SCHEMES[scheme]) ^ set(labels)
        if missing:
            raise RuntimeError(f"loaders.tabular_vocab: codes of scheme {scheme!r} differ from "
                               f"kg.namespaces.SCHEMES: {sorted(missing)}")


_check_codes()
VOCABS = {scheme: Vocab(scheme, labels) for scheme, labels in LABELS.items()}


# -- sheets and columns ----------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    """One column of a sheet: French name (canonical), English name, other accepted names."""

    fr: str
    en: str
    kind: str  # how the cell is read: id, name, text, vocab:<scheme>, vocabs:<scheme>, territory, date, ref, refs, url,
    # official:<siret|finess>
    required: bool = False
    aliases: tuple[str, ...] = ()
    help_fr: str = ""
    help_en: str = ""

    def names(self) -> tuple[str, ...]:
        return (self.fr, self.en, *self.aliases)


@dataclass(frozen=True)
class Sheet:
    """One sheet (XLSX) or file (CSV) of the template."""

    key: str  # French name, canonical
    en: str
    aliases: tuple[str, ...]
    columns: tuple[Column, ...]
    title_fr: str
    title_en: str

    def column(self, header: str) -> Column | None:
        k = name_key(header)
        for col in self.columns:
            if any(name_key(n) == k for n in col.names()):
                return col
        return None


_SOURCE = Column("source", "source", "text", aliases=("référence", "reference", "citation"),
                 help_fr="D'où vient l'information (document, compte rendu, date, lien).",
                 help_en="Where the information comes from (document, minutes, date, link).")
_NOTE = Column("note", "note", "text", aliases=("remarque", "commentaire", "comment", "notes"),
               help_fr="Remarque libre (jamais de donnée personnelle).",
               help_en="Free remark (never personal data).")
_TERRITORY = Column("territoire", "territory", "territory", aliases=("code insee", "insee", "commune", "lieu"),
                    help_fr="Code INSEE (commune 5 car., département 2-3, région 2, EPCI = SIREN 9 chiffres), "
                            "nom officiel, ou id d'un territoire de projet.",
                    help_en="INSEE code (commune 5 chars, département 2-3, région 2, EPCI = 9-digit SIREN), "
                            "official name, or the id of a project territory.")
_LEVEL = Column("niveau_territoire", "territory_level", "vocab:level", aliases=("niveau", "level", "echelon"),
                help_fr="Niveau du territoire quand le nom ou le code est ambigu (région, département, commune…).",
                help_en="Level of the territory when the name or code is ambiguous (région, département, commune…).")
_SCALE = Column("echelle", "scale", "vocabs:scale", aliases=("echelle d intervention", "intervention scale",
                                                             "intervention_scale"),
                help_fr="Échelle(s) d'intervention : initiale, mise en lien, mise en synergie.",
                help_en="Intervention scale(s): initial, linking, synergy.")
_WORLD = Column("monde", "world", "vocabs:world", aliases=("mondes", "worlds", "secteur"),
                help_fr="Monde(s) : social, animation, économie, aménagement, logement, santé…",
                help_en="World(s): social, community activities, economy, planning, housing, health…")
_PARTICIPATION = Column("niveau_participation", "participation", "vocab:participation",
                        aliases=("participation level", "participation_level"),
                        help_fr="consultation, co-construction ou coproduction.",
                        help_en="consultation, co-construction or co-production.")
_START = Column("date_debut", "start_date", "date", aliases=("debut", "start", "depuis", "since"),
                help_fr="Date de début : 21/09/2018 ou 2018-09-21.", help_en="Start date: 21/09/2018 or 2018-09-21.")
_END = Column("date_fin", "end_date", "date", aliases=("fin", "end", "until", "jusqu au"),
              help_fr="Date de fin (vide si en cours).", help_en="End date (empty if ongoing).")

_UPDATE = Column("mise_a_jour", "update", "vocab:update", aliases=("mise a jour", "maj", "mettre a jour"),
                 help_fr="« oui » pour mettre à jour un acteur ou un comité déjà dans le graphe sous cet id ; "
                         "sinon un id déjà pris est refusé.",
                 help_en="'yes' to update an actor or committee already in the graph under this id; otherwise an "
                         "id already taken is refused.")

SHEETS: tuple[Sheet, ...] = (
    Sheet("territoires_projet", "project_territories",
          ("territoires projet", "territoires de projet", "territoire de projet", "bassins de vie", "bassin de vie",
           "project territory", "project territories"),
          (
              Column("id", "id", "id", True, ("identifiant", "identifier"),
                     "Identifiant du territoire de projet (répété sur chaque ligne de ses composantes).",
                     "Id of the project territory (repeated on each row of its parts)."),
              Column("nom", "name", "name", True, ("libelle", "label"), "Nom (ex. « Bassin de vie du Pays des Gaves »).",
                     "Name (e.g. \"Pays des Gaves living area\")."),
              Column("composante", "part", "territory", True, ("composantes", "parts", "membre", "territoire"),
                     "Une composante par ligne : EPCI ou commune (code INSEE/SIREN ou nom).",
                     "One part per row: EPCI or commune (INSEE code/SIREN or name)."),
              Column("niveau_composante", "part_level", "vocab:level", False, ("niveau", "level"),
                     "Niveau de la composante si ambigu.", "Level of the part if ambiguous."),
              _NOTE, _SOURCE,
          ),
          "Territoires de projet (bassins de vie)", "Project territories (living areas)"),
    Sheet("acteurs", "actors", ("acteur", "actor", "structures", "organisations", "organizations"),
          (
              Column("id", "id", "id", True, ("identifiant", "identifier"),
                     "Identifiant court et unique (ex. caf-65). Un id déjà dans le graphe (ex. hcts) n'est accepté que pour "
                     "le même acteur, ou avec « oui » en mise_a_jour.",
                     "Short unique id (e.g. caf-65). An id already in the graph (e.g. hcts) is accepted only for the "
                     "same actor, or with 'yes' in update."),
              Column("nom", "name", "name", True, ("libelle", "label", "raison sociale", "denomination"),
                     "Nom de la structure ou du groupe (jamais le nom d'une personne accompagnée).",
                     "Name of the organisation or group (never the name of a person receiving support)."),
              Column("categorie", "category", "vocabs:category", True, ("categories", "type d acteur", "actor type"),
                     "Catégorie de la typologie des partenaires (code ou libellé).",
                     "Category of the partner typology (code or label)."),
              Column("type", "kind", "vocab:kind", False, ("nature de l acteur",),
                     "organisation, groupe ou personne (rôle public seulement) ; déduit de la catégorie si vide.",
                     "organisation, group or person (public role only); from the category if empty."),
              _TERRITORY, _LEVEL, _SCALE, _WORLD,
              Column("sigle", "acronym", "text", False, ("acronyme", "abbreviation"), "Sigle (ex. CAF).",
                     "Acronym (e.g. CAF)."),
              Column("site_web", "website", "url", False, ("site", "url", "web"), "Adresse du site (https://…).",
                     "Website address (https://…)."),
              Column("rattachement", "part_of", "ref", False, ("rattache a", "parent", "institution", "sous organisation de",
                                                                "part of", "suborganization of"),
                     "Id de l'institution dont la structure est un service ou une direction (ex. cd65 pour le service "
                     "ASE du Département) : ses sièges comptent pour cette institution (règle R6).",
                     "Id of the institution this organisation is a service or unit of (e.g. cd65 for the "
                     "Département's child-protection service): its seats count for that institution (rule R6)."),
              Column("meme_que", "same_as", "ref", False, ("meme acteur que", "identique a", "same as", "sameas"),
                     "Id d'un acteur déjà connu qui est la même institution (confirme une correspondance signalée à "
                     "l'import ; ou utilisez directement cet id).",
                     "Id of a known actor that is the same institution (confirms a match reported by the import; or "
                     "use that id directly)."),
              Column("siret", "siret", "official:siret", False, ("siren", "numero siret", "numero siren"),
                     "SIREN (9 chiffres) ou SIRET (14 chiffres) de la structure, s'il est connu.",
                     "SIREN (9 digits) or SIRET (14 digits) of the organisation, if known."),
              Column("finess", "finess", "official:finess", False, ("numero finess", "n finess"),
                     "Numéro FINESS (9 caractères) de l'établissement ou de l'entité juridique, s'il est connu.",
                     "FINESS number (9 characters) of the establishment or legal entity, if known."),
              _NOTE, _SOURCE, _UPDATE,
          ),
          "Acteurs (structures, groupes)", "Actors (organisations, groups)"),
    Sheet("comites", "committees", ("comite", "committee", "comites locaux", "local committees", "cltsds"),
          (
              Column("id", "id", "id", True, ("identifiant", "identifier"), "Identifiant court et unique du comité.",
                     "Short unique id of the committee."),
              Column("nom", "name", "name", True, ("libelle", "label"), "Nom du comité.", "Name of the committee."),
              Column("territoire", "territory", "territory", True, ("code insee", "insee"),
                     _TERRITORY.help_fr, _TERRITORY.help_en),
              _LEVEL,
              Column("date_creation", "created", "date", False, ("creation", "date d installation", "installed",
                                                                  "creation date", "date"),
                     "Date d'installation : 21/09/2018 ou 2018-09-21.", "Date installed: 21/09/2018 or 2018-09-21."),
              _WORLD,
              Column("site_web", "website", "url", False, ("site", "url", "web"), "Adresse du site (https://…).",
                     "Website address (https://…)."),
              _NOTE, _SOURCE, _UPDATE,
          ),
          "Comités locaux", "Local committees"),
    Sheet("adhesions", "memberships", ("adhesion", "membership", "membres", "members", "composition"),
          (
              Column("id", "id", "id", False, ("identifiant", "identifier"), "Facultatif.", "Optional."),
              Column("membre", "member", "ref", True, ("acteur", "actor", "id membre", "member id"),
                     "Id de l'acteur membre (feuille acteurs, ou id déjà dans le graphe).",
                     "Id of the member actor (actors sheet, or an id already in the graph)."),
              Column("comite", "committee", "ref", True, ("id comite", "committee id", "organisation"),
                     "Id du comité (feuille comites, ou id déjà dans le graphe).",
                     "Id of the committee (committees sheet, or an id already in the graph)."),
              Column("role", "role", "vocab:role", False, ("fonction",),
                     "membre (défaut), porteur, co-pilote, comité de pilotage, groupe ressource…",
                     "member (default), lead, co-lead, steering group, resource group…"),
              _START, _END, _PARTICIPATION, _SCALE, _NOTE, _SOURCE,
          ),
          "Adhésions (membres des comités)", "Memberships (committee members)"),
    Sheet("partenariats", "partnerships", ("partenariat", "partnership", "liens", "links"),
          (
              Column("id", "id", "id", False, ("identifiant", "identifier"), "Facultatif.", "Optional."),
              Column("partenaire_1", "partner_1", "ref", True, ("partenaire 1", "acteur 1", "actor_1", "participant_1"),
                     "Id du premier partenaire.", "Id of the first partner."),
              Column("partenaire_2", "partner_2", "ref", True, ("partenaire 2", "acteur 2", "actor_2", "participant_2"),
                     "Id du second partenaire.", "Id of the second partner."),
              Column("autres_partenaires", "other_partners", "refs", False, ("autres", "others", "participants"),
                     "Autres partenaires, séparés par | ou ;.", "Other partners, separated by | or ;."),
              Column("nature", "nature", "vocabs:partnership-nature", False, ("type de partenariat", "kind"),
                     "financement, convention, co-construction, partage d'information, accompagnement, formation.",
                     "funding, agreement, co-construction, information sharing, support, training."),
              _SCALE, _PARTICIPATION, _WORLD, _START, _END, _NOTE, _SOURCE,
          ),
          "Partenariats", "Partnerships"),
)
SHEETS_BY_KEY = {s.key: s for s in SHEETS}
#: Sheets of the XLSX template that are read by people, not by the loader.
IGNORED_SHEETS = {name_key(n) for n in ("lisez-moi", "lisezmoi", "readme", "read me", "aide", "help", "notice",
                                   "listes", "lists", "valeurs", "values", "mode d'emploi")}


def find_sheet(name: str) -> Sheet | None:
    """The template sheet a sheet or file name designates (``None`` if it names none).

    >>> find_sheet("comite-hautes-pyrenees-acteurs").key
    'acteurs'
    """
    k = name_key(name)
    for sheet in SHEETS:
        for n in (sheet.key, sheet.en, *sheet.aliases):
            if name_key(n) == k:
                return sheet
    words = f" {k} "
    best = None
    for sheet in SHEETS:
        for n in (sheet.key, sheet.en, *sheet.aliases):
            if f" {name_key(n)} " in words and (best is None or len(name_key(n)) > best[1]):
                best = (sheet, len(name_key(n)))
    return best[0] if best else None


def sheet_from_header(header: list[str]) -> Sheet | None:
    """The sheet whose required columns all appear in ``header`` (the most matching one)."""
    scored = []
    for sheet in SHEETS:
        cols = [sheet.column(h) for h in header if h]
        required = [c for c in sheet.columns if c.required]
        if all(c in cols for c in required):
            scored.append((sum(1 for c in cols if c), sheet))
    scored.sort(key=lambda x: -x[0])
    if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    return None
