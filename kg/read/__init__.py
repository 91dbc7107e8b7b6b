"""The read layer: every reader of the graph (the gaps check and suggestions, the analysis, the
explorer, the projection, the Neo4j translation, the exports) asks this package, and none keeps
its own copy of what an actor is, who is a member of what at a date, when a relation holds, what a
thing is called in a language or which territory lies within which.

* :mod:`kg.read.vocab` — the vocabulary: actor classes (most specific first), the link patterns
  of the actor network.
"""
