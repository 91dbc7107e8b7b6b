"""The read layer: every reader of the graph (the gaps check and suggestions, the analysis, the
explorer, the projection, the Neo4j translation, the exports) asks this package, and none keeps
its own copy of what an actor is, who is a member of what at a date, when a relation holds, what a
thing is called in a language or which territory lies within which.

* :mod:`kg.read.vocab` — the vocabulary: actor classes (most specific first), relation classes,
  the links of the actor network (:data:`~kg.read.vocab.LINKS`), concept codes;
* :mod:`kg.read.membership` — membership of a committee at a date, relation dates, the one
  "holds at a date" rule;
* :mod:`kg.read.labels` — labels in a language (the one fallback order);
* :mod:`kg.read.scope`, :mod:`kg.read.paths` — territory scope (within / containing, transitive);
* :mod:`kg.read.lookups` — what the composition check and the suggestions look up, and the one
  choice between the store's precomputed index and SPARQL (:func:`~kg.read.lookups.lookups`);
* :mod:`kg.read.candidates` — who may be suggested, and what is kept of each candidate;
* :mod:`kg.read.quads` — quads and RDF dumps read straight from an embedded store;
* :mod:`kg.read.parts` — each named graph's part of the read model, written with the graph in the
  same store generation (a 30-row import derives 30 rows), checked when read;
* :mod:`kg.read.model` — a generation's parts combined into integer arrays: the gaps index
  (:class:`kg.gaps.index.GapsIndex`) and the actor network answer from it;
* :mod:`kg.read.remote` — the same parts for a remote SPARQL store, derived on the client and
  cached locally by what the server reports of each graph.
"""
