"""``ancrage doctor``: what it finds in a store and what it repairs (:mod:`kg.doctor`)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "doctor.healthy": ("magasin sain : « current » → {current}, {n} génération(s)",
        "healthy store: 'current' → {current}, {n} generation(s)"),
    "doctor.no-store": ("aucun magasin dans ce dossier (rien à vérifier)",
        "no store in this folder (nothing to check)"),
    "doctor.not-a-folder": ("ce chemin est un fichier, pas un dossier de magasin",
        "this path is a file, not a store folder"),
    "doctor.link-missing": ("le lien « current » manque alors que {n} génération(s) sont là",
        "the 'current' link is missing although {n} generation(s) are there"),
    "doctor.link-dangling": ("« current » pointe vers « {target} », qui n'existe pas",
        "'current' points to '{target}', which does not exist"),
    "doctor.link-loop": ("« current » est une boucle de liens symboliques", "'current' is a loop of symbolic links"),
    "doctor.link-outside": ("« current » pointe vers « {target} », qui n'est pas une génération de ce magasin",
        "'current' points to '{target}', which is not a generation of this store"),
    "doctor.link-not-symlink": (
        "« current » n'est pas un lien symbolique : déplacez-le hors du dossier (il peut contenir des données), "
        "puis relancez « ancrage doctor --repair »",
        "'current' is not a symbolic link: move it out of the folder (it may hold data), then run 'ancrage doctor "
        "--repair' again"),
    "doctor.unreadable": ("la génération {name} ne s'ouvre pas : {detail}",
        "the generation {name} does not open: {detail}"),
    "doctor.unreadable-current": (
        "la génération courante {name} ne s'ouvre pas : {detail} ; reconstruisez (« ancrage build ») ou repointez "
        "« current » à la main",
        "the current generation {name} does not open: {detail}; rebuild ('ancrage build') or point 'current' "
        "elsewhere by hand"),
    "doctor.orphan": ("génération orpheline {name} : ni courante ni lue par personne",
        "orphan generation {name}: neither current nor read by anyone"),
    "doctor.in-use": ("génération {name} encore lue par un processus : gardée",
        "generation {name} still read by a process: kept"),
    "doctor.partial": ("génération inachevée {name} (écriture interrompue)",
        "unfinished generation {name} (interrupted write)"),
    "doctor.partial-busy": ("génération en cours d'écriture {name}", "generation being written {name}"),
    "doctor.trash": ("génération à moitié supprimée {name}", "half-removed generation {name}"),
    "doctor.temp-link": ("lien temporaire {name} laissé par une écriture interrompue",
        "temporary link {name} left by an interrupted write"),
    "doctor.stale-lock": ("verrou d'une génération disparue : {name}", "lock of a generation that is gone: {name}"),
    "doctor.stale-cache": ("cache d'une version disparue : {name}", "cache of a version that is gone: {name}"),
    "doctor.writer-busy": ("une écriture est en cours ({holder})", "a write is under way ({holder})"),
    "doctor.no-candidate": ("aucune génération complète ne s'ouvre : reconstruisez avec « ancrage build »",
        "no complete generation opens: rebuild with 'ancrage build'"),
    # what repair did
    "doctor.relinked": ("« current » repointé vers {name}", "'current' pointed to {name}"),
    "doctor.removed": ("supprimé : {name}", "removed: {name}"),
    "doctor.line_store": ("magasin : {folder}", "store: {folder}"),
    "doctor.line_repaired": ("réparé : {message}", "repaired: {message}"),
    "doctor.line_problem": ("problème : {message}", "problem: {message}"),
    "doctor.line_info": ("info : {message}", "info: {message}"),
}
