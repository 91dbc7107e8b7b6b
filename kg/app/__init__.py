"""The Streamlit explorer's library: everything the pages show is computed here, testable
without a browser.

* :mod:`kg.i18n` (outside the package) — every message in French and English;
* :mod:`kg.app.model` — read-only views of the store (counts, sources, territories, committees,
  actor cards, the ontology) as plain Python data;
* :mod:`kg.app.network_view` — filtering, centrality, the node limit and the self-contained
  vis-network HTML of the network map; exports (CSV, GEXF, GraphML, HTML);
* :mod:`kg.app.france_map` — the SVG map of France's départements with overseas insets;
* :mod:`kg.app.components` — the two small bidirectional Streamlit components (network, map);
* :mod:`kg.app.data` — cached access from Streamlit (store once per process, views by version);
* :mod:`kg.app.pages` — one module per page with a ``render()`` function, given to
  ``st.navigation`` by ``app.py`` (:data:`kg.app.pages.PAGES`: URL path, title, icon).
"""
