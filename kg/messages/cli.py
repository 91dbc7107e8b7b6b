"""What the ``ancrage`` commands print (:mod:`kg.cli`): ``key -> (French, English)``.

Texts are Rich console markup (``[green]…[/]``); values put in them are escaped by the caller.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # ancrage gaps
    "cli.known_members": ("membres connus : {n}, {at}", "known members: {n}, {at}"),
    "cli.col_status": ("Statut", "Status"),
    "cli.col_verdict": ("Verdict", "Verdict"),
    "cli.col_finding": ("Constat", "Finding"),
    "cli.thresholds_used": ("Seuils utilisés (choix du produit ; * = changé) : {used}",
        "Thresholds used (the product's choices; * = changed): {used}"),
    "cli.to_check": ("À vérifier par le comité : {items}", "For the committee to check: {items}"),
    "cli.no_suggestion": ("Aucune suggestion.", "No suggestion."),
    "cli.col_actor": ("Acteur", "Actor"),
    "cli.col_why": ("Pourquoi", "Why"),
    "cli.missing_locally": ("Manques sans candidat local connu (acteur attendu) :",
        "Gaps with no known local candidate (actor expected):"),
    "cli.missing_line": ("  - {label} : {expected}", "  - {label}: {expected}"),
    "cli.national_relays": ("Relais nationaux (à part) : {actors}", "National relays (apart): {actors}"),
    # ancrage analyse
    "cli.all_dates": ("toutes dates", "all dates"),
    "cli.network_summary": (
        "[bold]Réseau des acteurs[/] — {when}{cached} : {nodes} acteurs, {edges} liens, {relations} relations, "
        "{components} composantes (la plus grande {largest}), {communities} communautés (modularité {modularity})",
        "[bold]Actor network[/] — {when}{cached}: {nodes} actors, {edges} links, {relations} relations, "
        "{components} components (largest {largest}), {communities} communities (modularity {modularity})"),
    "cli.col_measure": ("Mesure", "Measure"),
    "cli.col_method": ("Méthode", "Method"),
    "cli.col_sampled": ("Estimée", "Sampled"),
    "cli.yes": ("oui", "yes"),
    "cli.no": ("non", "no"),
    "cli.sampled_measures": ("Mesures estimées : {measures}", "Estimated measures: {measures}"),
    "cli.exact_measures": ("Toutes les mesures sont exactes.", "Every measure is exact."),
    "cli.col_size": ("Taille", "Size"),
    "cli.col_main_actors": ("Acteurs principaux", "Main actors"),
    "cli.communities": ("Communautés", "Communities"),
    "cli.col_committees": ("Comités", "Committees"),
    "cli.shared_actors": ("Acteurs partagés entre comités", "Actors shared between committees"),
    "cli.no_shared_actor": ("Aucun acteur partagé entre comités.", "No actor shared between committees."),
    "cli.level_matrix": ("Matrice multi-échelle (relations entre niveaux)",
        "Multi-scale matrix (relations between levels)"),
    "cli.world_matrix": ("Matrice des mondes", "Worlds matrix"),
# the measures of ancrage analyse
    "cli.measure_degree": ("Degré", "Degree"),
    "cli.measure_weighted_degree": ("Degré pondéré (relations)", "Weighted degree (relations)"),
    "cli.measure_betweenness": ("Intermédiarité", "Betweenness"),
    "cli.measure_closeness": ("Proximité (harmonique)", "Closeness (harmonic)"),
    "cli.measure_pagerank": ("PageRank", "PageRank"),
    "cli.measure_constraint": ("Contrainte de Burt (faible = courtier)", "Burt's constraint (low = broker)"),
    "cli.measure_effective_size": ("Taille effective du réseau", "Effective size"),
    "cli.measure_community": ("Communauté", "Community"),
    # ancrage import
    "cli.col_file": ("fichier", "file"),
    "cli.col_graph": ("graphe", "graph"),
    "cli.col_kept": ("retenues", "kept"),
    "cli.col_refused": ("refusées", "refused"),
    "cli.tag_error": ("erreur", "error"),
    "cli.tag_warning": ("avertissement", "warning"),
    "cli.imported": ("[green]Importé[/] : {what}", "[green]Imported[/]: {what}"),
    "cli.check_only": ("Vérification seule : rien n'a été écrit.", "Check only: nothing written."),
    "cli.no_valid_row": ("[red]Aucune ligne valide : rien n'a été écrit.[/]",
        "[red]No valid row: nothing written.[/]"),
    # ancrage directory (Sirene, FINESS, data·inclusion)
    "cli.col_actors": ("acteurs", "actors"),
    "cli.col_quarantined": ("en quarantaine", "quarantined"),
    "cli.tag_quarantined": ("quarantaine", "quarantined"),
    "cli.tag_looks_known": ("déjà connu ?", "already known?"),
    "cli.how_to_merge": (
        "Pour confirmer : page Comités de l'explorateur, « Doublons probables » → Fusionner (owl:sameAs dans la "
        "source « identites »).",
        "To confirm: the explorer's Committees page, 'Likely duplicates' → Merge (owl:sameAs in the 'identites' "
        "source)."),
    "cli.loaded": ("[green]Chargé[/] : {what}", "[green]Loaded[/]: {what}"),
    "cli.read_only": ("Lecture seule : rien n'a été écrit.", "Read only: nothing written."),
    # ancrage import-rdf
    "cli.col_triples": ("triplets", "triples"),
    "cli.no_triple_kept": ("[red]Aucun triplet retenu : rien n'a été écrit.[/]",
        "[red]No triple kept: nothing written.[/]"),
    "cli.no_actor_kept": ("[red]Aucun acteur retenu : rien n'a été écrit.[/]",
        "[red]No actor kept: nothing written.[/]"),
}
