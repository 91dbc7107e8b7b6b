"""Labels Ancrage writes into the graph itself (``skos:prefLabel`` of relations, :mod:`loaders.seed`)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "graph.flow": ("{head} : {source} → {target}", "{head}: {source} → {target}"),
    "graph.flow-descendant": ("Flux descendant", "Top-down flow"),
    "graph.flow-ascendant": ("Flux ascendant", "Bottom-up flow"),
    "graph.flow-transversal": ("Échanges transversaux", "Transversal exchanges"),
    "graph.partnership": ("Partenariat : {names}", "Partnership: {names}"),
}
