"""What each rule rests on: the verbatim passage of the source, who said it, with which status,
and how the product operationalises it (the product's choice, not the source's).

The source is the proceedings of the launch seminar of 21 September 2018
(``seed/000_3e48de7cdd4cc6d4.txt``); a :class:`Quote` gives its first and last line there.
A quote's status is a code of the ``statement-status`` scheme (:data:`kg.namespaces.SCHEMES`):
``attendu`` (an HCTS expectation or recommendation), ``question-ouverte`` (an open research
question), ``demande`` (a workshop request), ``perception`` (what participants or respondents
perceive). A rule's status is the status of its first quote. The HCTS expectations the graph
cannot check are a checklist for the committee (:data:`CHECKLIST`), each with its quote.

Quotes are verbatim, without the source's Markdown emphasis (``**``);
``tests/kg/gaps/test_grounds.py`` checks every quote against the lines it cites.

>>> RULE_GROUNDS["R9"].status
'question-ouverte'
>>> RULE_GROUNDS["R9"].quotes[0].lines
(456, 456)
>>> RULE_GROUNDS["R9"].quotes[0].cite("en")
'l. 456'
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import both


@dataclass(frozen=True)
class Quote:
    """A verbatim passage of the source: its text, its lines, its section, who said it, its status."""

    text: str
    lines: tuple[int, int]
    section: str  # "6", "7.1"…
    speaker: str  # who said it: the message gaps.speaker_<speaker>
    status: str  # code of the statement-status scheme

    def cite(self, lang: str = "fr") -> str:
        """``l. 455–456`` (or ``l. 667``)."""
        first, last = self.lines
        return f"l. {first}" if first == last else f"l. {first}–{last}"

    def to_dict(self) -> dict:
        return {"text": self.text, "lines": list(self.lines), "section": self.section,
                "speaker": self.speaker, "speaker_label": both("gaps.speaker_" + self.speaker),
                "status": self.status, "status_label": both("gaps.status_" + self.status)}


@dataclass(frozen=True)
class Ground:
    """What a rule rests on and how the product reads it."""

    rule: str
    quotes: tuple[Quote, ...]
    operationalisation: dict  # {"fr", "en"}: what the product counts, and its thresholds' names
    measures_instead: dict | None = None  # {"fr", "en"}: said plainly when the rule measures a proxy

    @property
    def status(self) -> str:
        return self.quotes[0].status

    @property
    def speaker(self) -> str:
        return self.quotes[0].speaker

    def to_dict(self) -> dict:
        return {"rule": self.rule, "status": self.status, "status_label": both("gaps.status_" + self.status),
                "speaker": self.speaker, "speaker_label": both("gaps.speaker_" + self.speaker),
                "quotes": [q.to_dict() for q in self.quotes],
                "operationalisation": dict(self.operationalisation),
                "measures_instead": dict(self.measures_instead) if self.measures_instead else None}


def _q(text, first, last, section, speaker="hcts", status="attendu") -> Quote:
    return Quote(text, (first, last), section, speaker, status)


RULE_GROUNDS: dict[str, Ground] = {g.rule: g for g in (
    Ground("R1", (_q("Une ou plusieurs personnes accueillies /accompagnées doivent être membre à part entière "
                     "du comité local, ce qui n'empêche pas d'avoir des groupes de travail sur des thématiques où "
                     "ils seront associés plus largement.", 756, 756, "7.1"),),
           {"fr": "Choix du produit : un groupe de la catégorie « personnes accompagnées » avec un rôle de membre "
                  "à part entière (membre, porteur, co-pilote, comité de pilotage, président, vice-président, ou "
                  "aucun rôle) est conforme ; seulement en groupe ressource ou de travail, à surveiller.",
            "en": "Product's choice: a group of the category “people receiving support” with a full-member role "
                  "(member, lead, co-lead, steering committee, chair, vice-chair, or no role) is met; only in a "
                  "resource or working group, to watch."}),
    Ground("R2", (_q("Il en va de même pour la représentation de travailleurs sociaux de terrain.", 650, 650, "6"),
                  _q("Il est donc important que chaque niveau d'intervention soit représenté : terrain, encadrement "
                     "etc.", 802, 802, "7.2", "ateliers", "perception")),
           {"fr": "Choix du produit : au moins un membre de terrain ; encadrement présent et pas plus nombreux que "
                  "le terrain (en nombre de membres). La crainte d'une surreprésentation des cadres vient des "
                  "ateliers (l. 802), pas du HCTS.",
            "en": "Product's choice: at least one front-line member; management present and not more numerous "
                  "than the front line (in members). The fear of over-represented managers comes from the "
                  "workshops (l. 802), not from the HCTS."}),
    Ground("R3", (_q("S'assurer dans la composition des instances, d'une distinction claire entre les personnes "
                     "accompagnées ou l'ayant été, et les associations ou les autres personnes les représentant, "
                     "tout en permettant la participation de tous.", 764, 764, "7.1"),),
           {"fr": "Choix du produit : aucun membre classé à la fois « personnes accompagnées » et « représentants "
                  "des personnes accompagnées », et pas de représentants sans les personnes elles-mêmes.",
            "en": "Product's choice: no member recorded both as “people receiving support” and as “their "
                  "representatives”, and no representatives without the people themselves."}),
    Ground("R4", (_q("Il y a un enjeu autour de la capacité des porteurs à engager une dynamique au-delà de leur "
                     "partenariat traditionnel et déjà existant.", 654, 654, "6"),
                  _q("Il s'agira d'associer autant les collectivités territoriales, régions départements, EPCI, "
                     "métropoles, que les fédérations, associations d'établissements, associations caritatives, "
                     "services de l'Etat, organismes de protection sociale, les écoles de formation, l'université, "
                     "partenaires sociaux, représentants des professionnels et représentants des personnes "
                     "accompagnées. La liste n'est pas exhaustive parce que chaque territoire est à même "
                     "d'identifier les ressources de son environnement.", 655, 655, "6")),
           {"fr": "Choix du produit : les 13 familles de la liste (l. 655) comptées parmi les membres ; seuils "
                  "r4_ok et r4_warning. La source ne fixe aucun nombre et dit sa liste non exhaustive.",
            "en": "Product's choice: the 13 families of the list (l. 655) counted among the members; thresholds "
                  "r4_ok and r4_warning. The source sets no number and calls its list not exhaustive."}),
    Ground("R5", (_q("Etre dédié à un segment spécifique et donc il convient d'éviter d'entrer dans la dynamique "
                     "par une seule porte tel qu'un métier, un secteur, un public ou une thématique.",
                     667, 667, "6"),),
           {"fr": "Choix du produit : un seul métier (anc:profession) ou un seul public (anc:public) pour tous "
                  "les membres, quand c'est renseigné, est non conforme ; indice de Herfindahl des familles de "
                  "catégories des membres (seuil hhi_warning) et nombre de mondes représentés.",
            "en": "Product's choice: a single profession (anc:profession) or a single public (anc:public) for "
                  "every member, when recorded, is not met; Herfindahl index of the members' category families "
                  "(threshold hhi_warning) and number of worlds represented."},
           {"fr": "La source parle d'un métier, d'un secteur, d'un public ou d'une thématique. Le graphe consigne "
                  "les métiers et les publics seulement quand la source les nomme, et pas les thèmes de travail "
                  "d'un comité : le plus souvent, la règle mesure à la place la concentration des catégories "
                  "d'acteurs membres (une approximation du secteur) et les mondes représentés.",
            "en": "The source speaks of a profession, a sector, a public or a theme. The graph records professions "
                  "and publics only where the source names them, and not a committee's working themes: most "
                  "often the rule measures instead the concentration of the members' actor categories (an "
                  "approximation of the sector) and the worlds represented."}),
    Ground("R6", (_q("Etre un lieu de corporatisme professionnel ou institutionnel", 668, 668, "6"),
                  _q("ni de corporatisme (professionnel ou institutionnel)", 827, 827, "7.2")),
           {"fr": "Choix du produit : part de la plus grande institution (tête de chaîne org:subOrganizationOf) et "
                  "de la plus grande famille de catégories (seuils share_failure, share_warning), indice de "
                  "Herfindahl des institutions (hhi_warning).",
            "en": "Product's choice: share of the largest institution (top of the org:subOrganizationOf chain) "
                  "and of the largest category family (thresholds share_failure, share_warning), Herfindahl "
                  "index of institutions (hhi_warning)."}),
    Ground("R7", (_q("Tout d'abord, rappelons qu'il s'agit d'avoir une approche généraliste qui vise tous les "
                     "métiers du travail social, qui interroge les pratiques professionnelles et valorise ce qui "
                     "se fait sur le terrain.", 636, 636, "6"),
                  _q("Les métiers du social sont au nombre de 13, du niveau 5 au niveau 1 et il faut que le travail "
                     "social soit appréhendé dans toute ses dimensions.", 638, 638, "6"),
                  _q("les thèmes de travail doivent concerner le travail social et son environnement, être "
                     "transversaux et concerner les différents niveaux du travail social (du niveau 5 au niveau 1) "
                     "selon l'actualité locale.", 829, 829, "7.2")),
           {"fr": "Choix du produit : les niveaux de qualification (anc:qualificationLevel, 5 à 1) des membres.",
            "en": "Product's choice: the qualification levels (anc:qualificationLevel, 5 to 1) of the members."},
           {"fr": "La source parle du champ du travail (une approche qui vise tous les métiers, des thèmes qui "
                  "concernent les niveaux 5 à 1), pas de la composition. Le graphe ne consigne pas les thèmes de "
                  "travail d'un comité : la règle mesure à la place les niveaux de qualification de ses membres, "
                  "une approximation.",
            "en": "The source speaks of the scope of the work (an approach aimed at every profession, themes "
                  "that concern levels 5 to 1), not of the composition. The graph does not record a committee's "
                  "working themes: the rule measures instead the qualification levels of its members, an "
                  "approximation."}),
    Ground("R8", (_q("Développer des interactions entre le national et le local dans les deux sens (du local au "
                     "national/du national au local).", 660, 660, "6"),
                  _q("Développer des échanges transversaux entre les différents comités locaux, avec la "
                     "possibilité de conduire des travaux conjointement si l'opportunité se présente.",
                     661, 661, "6")),
           {"fr": "Choix du produit : flux d'information, partenariats et adhésions observés (jamais ceux qui ne "
                  "sont qu'attendus) entre le comité et les instances nationales, et avec d'autres comités.",
            "en": "Product's choice: observed information flows, partnerships and memberships (never merely "
                  "expected ones) between the committee and the national bodies, and with other committees."}),
    Ground("R9", (_q("Il n'y a pas une mais des échelles à lier, lesquelles ?", 456, 456, "4",
                     "moine-sorita", "question-ouverte"),),
           {"fr": "Choix du produit : une grille de lecture, pas une attente du HCTS. Nombre de niveaux "
                  "territoriaux des membres (seuils r9_ok, r9_warning) et échelles d'intervention de Sorita "
                  "renseignées. La source pose la question « lesquelles ? » sans y répondre.",
            "en": "Product's choice: a lens, not an HCTS expectation. Number of territorial levels of the members "
                  "(thresholds r9_ok, r9_warning) and Sorita's intervention scales recorded. The source asks "
                  "“which ones?” without answering."}),
    Ground("R10", (_q("Mobiliser les élus :", 953, 953, "7.5", "ateliers", "demande"),
                   _q("favoriser la participation des élus dans les diagnostics territoriaux ;", 954, 954, "7.5",
                      "ateliers", "demande"),
                   _q("Garantir la participation des fédérations associatives et d'usagers.", 956, 956, "7.5",
                      "ateliers", "demande")),
           {"fr": "Choix du produit : élus, fédérations et représentants des personnes accompagnées parmi les "
                  "membres. Ces demandes des ateliers portent sur le contenu des séminaires à venir.",
            "en": "Product's choice: elected officials, federations and users' representatives among the "
                  "members. These workshop requests are about the content of the coming seminars."}),
    Ground("R11", (_q("La participation des personnes accompagnées et des travailleurs sociaux dans le cadre des "
                      "travaux ou groupes de travail que vous allez animer, mais aussi directement en tant que "
                      "membre du comité local et participant aux orientations et décisions de celui-ci est "
                      "incontournable.", 646, 646, "6"),),
           {"fr": "Choix du produit : des travailleurs sociaux de terrain ont un rôle de membre à part entière ; "
                  "un rôle de pilotage (porteur, co-pilote, comité de pilotage, président) est compté à part. "
                  "Seulement en groupe de travail : à surveiller.",
            "en": "Product's choice: front-line social workers hold a full-member role; a steering role (lead, "
                  "co-lead, steering committee, chair) is counted apart. Only in a working group: to watch."}),
    Ground("R12", (_q("Cela nécessite de développer des logiques de coopération, de co-construction et de dépasser "
                      "les relations de financeurs à prestataires.", 654, 654, "6"),),
           {"fr": "Choix du produit : la nature des partenariats observés du comité (coopération : "
                  "co-construction, partage d'information, convention, formation, accompagnement ; financement) "
                  "et le niveau de participation de ses adhésions (co-construction, coproduction).",
            "en": "Product's choice: the nature of the committee's observed partnerships (cooperation: "
                  "co-construction, information sharing, agreement, training, accompaniment; funding) and the "
                  "participation level of its memberships (co-construction, coproduction)."}),
)}


@dataclass(frozen=True)
class ChecklistItem:
    """An expectation the graph cannot check: a question for the committee, with its quote."""

    id: str
    title: dict
    quotes: tuple[Quote, ...]
    ask: dict  # the question the committee answers for itself
    why_not_a_rule: dict

    def to_dict(self) -> dict:
        return {"id": self.id, "title": dict(self.title), "quotes": [q.to_dict() for q in self.quotes],
                "ask": dict(self.ask), "why_not_a_rule": dict(self.why_not_a_rule)}


_NOT_RECORDED = {"fr": "Le graphe ne consigne pas ce point.", "en": "The graph does not record this."}

CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "C1", {"fr": "Un espace de réflexion, pas de revendications", "en": "A space for reflection, not for claims"},
        (_q("le comité local du travail social et du développement social est un espace de réflexion sur le "
            "travail social et non pas un espace de revendications (qui relève du dialogue social et des instances "
            "paritaires), ni de corporatisme (professionnel ou institutionnel) ;", 827, 827, "7.2"),),
        {"fr": "Le cadre de participation dit-il que le comité n'est pas un espace de revendications ?",
         "en": "Does the participation framework say the committee is not a space for claims?"},
        {"fr": "C'est un cadre de fonctionnement, pas un fait de composition ou de lien.",
         "en": "It is an operating framework, not a fact of composition or of links."}),
    ChecklistItem(
        "C2", {"fr": "Le règlement fixe le choix des thèmes et du programme",
               "en": "The operating rules set how themes and programme are chosen"},
        (_q("le règlement de fonctionnement doit définir clairement les modalités de choix des thèmes travaillés, "
            "modalités de définition du programme de travail ;", 828, 828, "7.2"),),
        {"fr": "Le règlement de fonctionnement définit-il comment les thèmes et le programme sont choisis ?",
         "en": "Do the operating rules define how the themes and the programme are chosen?"},
        _NOT_RECORDED),
    ChecklistItem(
        "C3", {"fr": "L'évaluation de la démarche est prévue", "en": "Evaluation of the approach is planned"},
        (_q("L'évaluation de cette démarche sera aussi un point incontournable, car elle doit permettre non "
            "seulement de mesurer l'atteinte des objectifs fixés, mais aussi et surtout de tirer des enseignements",
            663, 663, "6"),),
        {"fr": "Comment le comité évaluera-t-il l'atteinte de ses objectifs, ses leviers et ses freins ?",
         "en": "How will the committee evaluate whether it meets its aims, its levers and its obstacles?"},
        _NOT_RECORDED),
    ChecklistItem(
        "C4", {"fr": "S'appuyer sur une instance existante, sans doublon",
               "en": "Build on an existing body, without duplicating it"},
        (_q("S'appuyer sur une instance existante", 595, 595, "5", "enquete", "perception"),
         _q("Il faut veiller à ne pas « faire doublon avec ce qui existe déjà ».", 849, 849, "7.3", "ateliers",
            "perception")),
        {"fr": "Le comité s'appuie-t-il sur une instance existante du territoire (comité d'éthique local, "
               "instance de coordination) plutôt que de la doubler ?",
         "en": "Does the committee build on an existing body of the territory (local ethics committee, "
               "coordination body) rather than duplicate it?"},
        {"fr": "Le graphe ne dit pas quelles instances existantes un comité prolonge. Ces deux passages "
               "viennent des répondants de l'enquête et des ateliers, pas du HCTS.",
         "en": "The graph does not say which existing bodies a committee extends. Both passages come from the "
               "survey respondents and the workshops, not from the HCTS."}),
    ChecklistItem(
        "C5", {"fr": "Pas de mandat représentatif exigé ; langage simple, animation, frais pris en charge",
               "en": "No representative mandate required; plain language, facilitation, costs paid"},
        (_q("On ne recherche donc pas ici qu'ils aient un mandat représentatif comme c'est le cas des "
            "représentations institutionnelles.", 758, 758, "7.1"),
         _q("Penser à écrire en langage simple et facile à comprendre par tous.", 765, 765, "7.1"),
         _q("Dans toutes les réunions, les personnes qui animent doivent, au moyen d'outils ou d'une méthode, "
            "permettre la compréhension et la prise de parole de tout le monde.", 766, 766, "7.1"),
         _q("La personne qui organise doit aussi prévoir la prise en charge des frais pour que les personnes "
            "participent : billets de train, de métro, nourriture et hôtel.", 767, 767, "7.1")),
        {"fr": "Les personnes accompagnées siègent-elles sans qu'un mandat représentatif soit exigé, avec des "
               "documents en langage simple, une animation qui donne la parole à tous et leurs frais payés ?",
         "en": "Do people receiving support sit without a representative mandate being required, with "
               "documents in plain language, facilitation that lets everyone speak, and their costs paid?"},
        _NOT_RECORDED),
    ChecklistItem(
        "C6", {"fr": "Tous les métiers représentés", "en": "Every profession represented"},
        (_q("Il reste à garantir que la représentativité de tous les métiers soit assurée.", 879, 879, "7.3",
            "ateliers", "demande"),),
        {"fr": "Les 13 métiers du social sont-ils représentés parmi les membres ?",
         "en": "Are the 13 social-work professions represented among the members?"},
        {"fr": "Le graphe ne connaît que les métiers que la source nomme (schéma « profession », quelques-uns "
               "des 13) : il ne peut pas dire si tous sont représentés. Le passage vient de la restitution des "
               "ateliers.",
         "en": "The graph knows only the professions the source names (the “profession” scheme, a few of the "
               "13): it cannot tell whether all are represented. The passage comes from the workshops' report."}),
)
