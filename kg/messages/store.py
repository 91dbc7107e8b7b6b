"""Errors of the on-disk store (:func:`kg.store.store_error`); ``{repair}`` is ``store.repair``."""

MESSAGES: dict[str, tuple[str, str]] = {
    "store.repair": (
        "Réparez avec « ancrage doctor --repair --store {folder} » (il repointe « current » vers la plus récente "
        "génération complète).",
        "Repair it with 'ancrage doctor --repair --store {folder}' (it points 'current' back to the newest "
        "complete generation)."),
    "store.no-store": (
        "aucun magasin dans {folder} : lancez « ancrage build » (ou indiquez un magasin existant avec --store / "
        "ANCRAGE_STORE)",
        "no store at {folder}: run 'ancrage build' first (or set ANCRAGE_STORE / --store to an existing store)"),
    "store.not-a-folder": (
        "{folder} n'est pas un dossier de magasin (c'est un fichier) : rien n'est écrit. Indiquez un dossier avec "
        "--store / ANCRAGE_STORE.",
        "{folder} is not a store folder (it is a file): nothing written. Point --store / ANCRAGE_STORE to a folder."),
    "store.link-missing": (
        "le lien « current » manque dans {folder} alors que {n} génération(s) s'y trouvent : rien n'y est lu ni "
        "écrit, pour ne pas les perdre. {repair}",
        "the 'current' link is missing in {folder} although {n} generation(s) are there: nothing is read or "
        "written, so as not to lose them. {repair}"),
    "store.link-dangling": (
        "le lien « current » de {folder} pointe vers « {target} », qui n'existe pas : le magasin ne peut être ni "
        "lu ni modifié. {repair}",
        "the 'current' link of {folder} points to '{target}', which does not exist: the store can be neither read "
        "nor written. {repair}"),
    "store.link-loop": (
        "le lien « current » de {folder} forme une boucle de liens symboliques : le magasin ne peut être ni lu ni "
        "modifié. {repair}",
        "the 'current' link of {folder} is a loop of symbolic links: the store can be neither read nor written. "
        "{repair}"),
    "store.link-outside": (
        "le lien « current » de {folder} pointe vers « {target} », qui n'est pas une génération de ce magasin : le "
        "magasin ne peut être ni lu ni modifié. {repair}",
        "the 'current' link of {folder} points to '{target}', which is not a generation of this store: the store "
        "can be neither read nor written. {repair}"),
    "store.link-not-symlink": (
        "« current » dans {folder} n'est pas un lien symbolique mais un {kind} : le magasin ne peut être ni lu ni "
        "modifié. Déplacez-le hors du dossier, puis lancez « ancrage doctor --repair --store {folder} ».",
        "'current' in {folder} is not a symbolic link but a {kind}: the store can be neither read nor written. "
        "Move it out of the folder, then run 'ancrage doctor --repair --store {folder}'."),
    "store.write-busy": (
        "une autre écriture est en cours sur le magasin {folder} ({holder}) ; attendu {wait:g} s sans qu'elle se "
        "termine : rien n'est écrit. Recommencez quand elle sera finie (le réglage write_wait / ANCRAGE_WRITE_WAIT "
        "fixe l'attente).",
        "another write is under way on the store {folder} ({holder}); waited {wait:g} s for it to finish: nothing "
        "written. Try again once it is done (the write_wait / ANCRAGE_WRITE_WAIT setting sets the wait)."),
    "store.lock-failed": (
        "impossible de prendre le verrou d'écriture du magasin {folder} : {detail}. Rien n'est écrit.",
        "cannot take the write lock of the store {folder}: {detail}. Nothing written."),
    "store.disk-full": (
        "disque plein pendant l'écriture dans {folder} : rien n'a changé, le magasin est toujours à la version "
        "{version}. Libérez de la place, puis recommencez.",
        "disk full while writing to {folder}: nothing changed, the store is still at version {version}. Free some "
        "space, then try again."),
    "store.write-failed": (
        "l'écriture dans {folder} a échoué ({detail}) : rien n'a changé, le magasin est toujours à la version "
        "{version}.",
        "the write to {folder} failed ({detail}): nothing changed, the store is still at version {version}."),
    "store.cannot-open": ("impossible d'ouvrir la génération {generation} : {detail}. {repair}",
        "cannot open the generation {generation}: {detail}. {repair}"),
    "store.generation-gone": (
        "la génération {generation} de {folder} n'existe plus (une écriture plus récente l'a remplacée) : rouvrez "
        "le magasin.",
        "the generation {generation} of {folder} no longer exists (a newer write replaced it): open the store "
        "again."),
}
