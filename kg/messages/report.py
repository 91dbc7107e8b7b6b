"""The committee report (:mod:`kg.gaps.report`: Markdown, CSV): ``key -> (French, English)``."""

MESSAGES: dict[str, tuple[str, str]] = {
    "report.title": ("composition du comité", "committee composition"),
    "report.territory": ("Territoire", "Territory"),
    "report.date": ("Membres à la date du", "Members as of"),
    "report.version": ("Version des données", "Data version"),
    "report.intro": (
        "Rapport produit par Ancrage à partir du graphe de connaissances. Les règles R1 à R12 reposent sur des "
        "passages des actes du séminaire de lancement du réseau des comités locaux (HCTS, 21 septembre 2018), "
        "cités mot pour mot avec leurs lignes ; la plupart sont des attentes du HCTS, R9 est une question de "
        "recherche, R10 une demande des ateliers. Seuls les faits observés comptent comme preuves, jamais ce qui "
        "n'est qu'attendu. Les seuils sont des choix du produit, réglables, et listés plus bas.",
        "Report produced by Ancrage from the knowledge graph. Rules R1 to R12 rest on passages of the proceedings "
        "of the launch seminar of the network of local committees (HCTS, 21 September 2018), quoted verbatim with "
        "their lines; most are HCTS expectations, R9 is a research question, R10 a workshop request. Only observed "
        "facts count as evidence, never what is merely expected. Thresholds are the product's choices, adjustable, "
        "and listed below."),
    "report.status": ("Statut", "Status"),
    "report.quote": ("Ce que dit la source", "What the source says"),
    "report.operationalisation": ("Ce que le produit mesure", "What the product measures"),
    "report.instead": ("Ce qui est mesuré à la place", "What is measured instead"),
    "report.line": ("l.", "l."),
    "report.thresholds": ("Seuils utilisés (choix du produit)", "Thresholds used (the product's choices)"),
    "report.thresholds_text": (
        "La source ne fixe aucun seuil. Ceux-ci sont des réglages (`gaps_*` dans ancrage.toml, variables "
        "ANCRAGE_GAPS_*, table [gaps_committees.<comité>], option --threshold) ; la colonne « origine » dit d'où "
        "vient chaque valeur.",
        "The source sets no threshold. These are settings (`gaps_*` in ancrage.toml, ANCRAGE_GAPS_* variables, a "
        "[gaps_committees.<committee>] table, the --threshold option); the “origin” column says where each value "
        "comes from."),
    "report.threshold": ("Seuil", "Threshold"),
    "report.value": ("Valeur", "Value"),
    "report.origin": ("Origine", "Origin"),
    "report.rules": ("Règles", "Rules"),
    "report.meaning": ("Sens", "Meaning"),
    "report.checklist": ("À vérifier par le comité (le graphe ne peut pas le dire)",
        "For the committee to check (the graph cannot tell)"),
    "report.checklist_text": (
        "Attentes de la source que le graphe ne consigne pas : une liste de questions, chacune avec son passage.",
        "Expectations of the source the graph does not record: a list of questions, each with its passage."),
    "report.summary": ("Synthèse", "Summary"),
    "report.rule": ("Règle", "Rule"),
    "report.what": ("Intitulé", "What it asks"),
    "report.verdict": ("Verdict", "Verdict"),
    "report.finding": ("Constat", "Finding"),
    "report.members": ("Membres connus", "Known members"),
    "report.no_members": (
        "Aucun membre n'est encore renseigné dans le graphe : les règles qui portent sur la composition sont « "
        "inconnues », pas en échec.",
        "No member is recorded in the graph yet: the rules about the composition are \"unknown\", not failed."),
    "report.former": ("Anciens membres (adhésion terminée)", "Former members (membership ended)"),
    "report.member": ("Membre", "Member"),
    "report.categories": ("Catégories", "Categories"),
    "report.roles": ("Rôle(s)", "Role(s)"),
    "report.levels": ("Niveau(x)", "Level(s)"),
    "report.details": ("Détail par règle", "Rule by rule"),
    "report.source": ("Source", "Source"),
    "report.section": ("section", "section"),
    "report.suggestions": ("Partenaires à solliciter", "Partners to approach"),
    "report.no_suggestions": ("Aucun acteur du graphe ne comble un manque sur ce territoire.",
        "No actor of the graph fills a gap on this territory."),
    "report.score_expl": (
        "Score = manque (poids des catégories absentes) + mondes nouveaux + niveau nouveau + localisation ({loc}) "
        "+ proximité (0,25 × membres déjà liés + 0,5 × Adamic–Adar, plafonnée à {cap}) + légitimité (part des "
        "répondants de l'enquête 2017–2018). Seuls des acteurs nommés du graphe, situés sur le territoire du "
        "comité ou à un niveau qui le contient, sont proposés ; jamais un membre actuel ni une personne privée.",
        "Score = gap (weight of the absent categories) + new worlds + new level + location ({loc}) + proximity "
        "(0.25 × members already linked + 0.5 × Adamic–Adar, capped at {cap}) + legitimacy (share of respondents "
        "to the 2017–2018 survey). Only named actors of the graph, located on the committee's territory or at a "
        "level containing it, are proposed; never a current member nor a private person."),
    "report.local_first": (
        "Ordre : d'abord les acteurs situés sur le territoire du comité ou à l'intérieur, puis ceux d'un niveau "
        "qui le contient ; le score classe au sein de chaque niveau. Les instances nationales sont listées à part, "
        "comme relais nationaux.",
        "Order: first the actors located on the committee's territory or inside it, then those at a level "
        "containing it; the score ranks within each level. National bodies are listed apart, as national relays."),
    "report.national": ("Relais nationaux", "National relays"),
    "report.national_intro": (
        "Instances et administrations nationales qui peuvent relayer ou appuyer, sans siéger à la place d'un "
        "acteur local.",
        "National bodies and administrations that can relay or support, without taking the seat of a local actor."),
    "report.missing": ("Manques sans candidat local connu", "Gaps with no known local candidate"),
    "report.missing_intro": (
        "Le graphe ne connaît aucun acteur du territoire qui comble ces manques. Acteur attendu (à identifier "
        "localement, le graphe n'en invente aucun) :",
        "The graph knows no actor of the territory that fills these gaps. Actor expected (to be identified "
        "locally; the graph invents none):"),
    "report.rank": ("#", "#"),
    "report.actor": ("Acteur", "Actor"),
    "report.score": ("Score", "Score"),
    "report.parts": ("Détail du score", "Score parts"),
    "report.why": ("Pourquoi", "Why"),
    "report.why_not_a_rule": ("Pourquoi ce n'est pas une règle", "Why this is not a rule"),
    "report.by_gap": ("Par manque", "By gap"),
    "report.none_for_gap": ("aucun acteur du territoire", "no actor on the territory"),
    "report.method": ("Méthode", "Method"),
    "report.method_text": (
        "Un constat « inconnu » signifie que le graphe ne permet pas de conclure (aucun membre connu, ou moins de "
        "{k} membres connus pour une règle qui repose sur une absence). La concentration est mesurée par l'indice "
        "de Herfindahl (somme des carrés des parts ; seuil d'alerte {hhi}). Voir docs/gaps.md.",
        "An \"unknown\" finding means the graph does not allow a conclusion (no member known, or fewer than {k} "
        "members known for a rule that rests on an absence). Concentration is measured by the Herfindahl index "
        "(sum of squared shares; warning threshold {hhi}). See docs/gaps.md."),
    # the lines of the report, with French typography
    "report.line_territory": ("- Territoire : {where}", "- Territory: {where}"),
    "report.line_date": ("- Membres à la date du {at}", "- Members as of {at}"),
    "report.line_version": ("- Version des données : `{version}`", "- Data version: `{version}`"),
    "report.line_iri": ("- IRI : <{iri}>", "- IRI: <{iri}>"),
    "report.line_former": ("Anciens membres (adhésion terminée) : {members}",
        "Former members (membership ended): {members}"),
    "report.line_source": ("Source : {refs}", "Source: {refs}"),
    "report.line_gap": ("- {label} [{kind}; {rules}] : {who}", "- {label} [{kind}; {rules}]: {who}"),
    "report.line_missing": ("- {label} ({rules}) : {expected}", "- {label} ({rules}): {expected}"),
    "report.colon": (" :", ":"),
    "report.quoted": ("« {text} »", "“{text}”"),
    "report.quote_line": ("> {quoted} ({where}, section {section}, dit par {speaker} ; {status})",
        "> {quoted} ({where}, section {section}, said by {speaker}; {status})"),
    "report.decimal_point": (",", "."),
    "report.evidence_known": ("{n} membres connus du graphe.", "{n} members known to the graph."),
    "report.evidence_known_one": ("{n} membre connu du graphe.", "{n} member known to the graph."),
    # the parts of a suggestion's score
    "report.part_gap": ("manque", "gap"),
    "report.part_worlds": ("mondes", "worlds"),
    "report.part_level": ("niveau", "level"),
    "report.part_location": ("lieu", "location"),
    "report.part_proximity": ("proximité", "proximity"),
    "report.part_legitimacy": ("légitimité", "legitimacy"),
    # where a threshold's value comes from
    "report.origin_default": ("défaut", "default"),
    "report.origin_settings": ("réglages", "settings"),
    "report.origin_committee": ("propre au comité", "the committee's own"),
    "report.origin_override": ("option --threshold", "--threshold option"),
    # CSV columns: the findings, the suggestions
    "report.findings_col_rule": ("regle", "rule"),
    "report.findings_col_status": ("statut", "status"),
    "report.findings_col_severity": ("verdict", "severity"),
    "report.findings_col_finding": ("constat", "finding"),
    "report.findings_col_quote_lines": ("lignes_citees", "quote_lines"),
    "report.findings_col_thresholds": ("seuils", "thresholds"),
    "report.csv_col_rank": ("rang", "rank"),
    "report.csv_col_actor": ("acteur", "actor"),
    "report.csv_col_label": ("libelle", "label"),
    "report.csv_col_score": ("score", "score"),
    "report.csv_col_gap": ("manque", "gap"),
    "report.csv_col_worlds": ("mondes", "worlds"),
    "report.csv_col_level": ("niveau", "level"),
    "report.csv_col_location": ("lieu", "location"),
    "report.csv_col_proximity": ("proximite", "proximity"),
    "report.csv_col_legitimacy": ("legitimite", "legitimacy"),
    "report.csv_col_where": ("situation", "where"),
    "report.csv_col_territory": ("territoire", "territory"),
    "report.csv_col_gaps": ("manques", "gaps"),
    "report.csv_col_linked_members": ("membres_lies", "linked_members"),
    "report.csv_col_common_partners": ("partenaires_communs", "common_partners"),
    "report.csv_col_reasons": ("raisons", "reasons"),
}
