"""Queries refused or stopped (:mod:`kg.queries`, :mod:`kg.query_worker`): ``key -> (French, English)``."""

MESSAGES: dict[str, tuple[str, str]] = {
    "query.update-refused": (
        "refusé : c'est une mise à jour SPARQL ({keyword}) ; ici les requêtes ne font que lire — utilisez 'ancrage "
        "build' ou 'ancrage import' pour changer le graphe",
        "refused: this is a SPARQL update ({keyword}); queries here are read-only — use 'ancrage build' or "
        "'ancrage import' to change the graph"),
    "query.syntax-error": (
        "erreur de syntaxe SPARQL{where} : {error}. Seules les requêtes de lecture (SELECT, ASK, CONSTRUCT, "
        "DESCRIBE) sont acceptées ; les mises à jour sont refusées.",
        "SPARQL syntax error{where}: {error}. Only read queries (SELECT, ASK, CONSTRUCT, DESCRIBE) are accepted; "
        "updates are refused."),
    "query.syntax-where": (" (ligne {line}, colonne {column})", " (line {line}, column {column})"),
    "query.federated-refused": (
        "refusé : requête fédérée (SERVICE {target}) ; ici les requêtes ne lisent que le graphe local",
        "refused: federated query (SERVICE {target}); queries here read the local graph only"),
    "query.limit-time": (
        "la requête a dépassé sa limite de temps ({limit:g} s) et a été arrêtée ; restreignez-la (un territoire, "
        "un LIMIT) ou relevez la limite (réglage query_timeout, --timeout)",
        "the query went over its time limit ({limit:g} s) and was stopped; narrow it (a territory, a LIMIT) or "
        "raise the limit (setting query_timeout, --timeout)"),
    "query.limit-memory": (
        "la requête a dépassé sa limite de mémoire ({limit:g} Mo) et a été arrêtée ; restreignez-la (un "
        "territoire, un LIMIT) ou relevez la limite (réglage query_memory_mb)",
        "the query went over its memory limit ({limit:g} MB) and was stopped; narrow it (a territory, a LIMIT) or "
        "raise the limit (setting query_memory_mb)"),
    "query.limit-busy": ("trop de requêtes en cours : aucune n'a pu commencer en {limit:g} s ; réessayez",
        "too many queries running: none could start within {limit:g} s; try again"),
}
