"""The message catalogues, one module per domain, all in one shape: ``MESSAGES: dict[str, tuple[str, str]]``,
``key -> (French, English)``. Plain data: they import nothing. :mod:`kg.i18n` merges and looks them up.

* :mod:`kg.messages.explorer` — the Streamlit explorer (keys without a prefix);
* :mod:`kg.messages.problems` — problems in an imported spreadsheet (``problem.*``);
* :mod:`kg.messages.privacy` — personal data found in a text (``privacy.*``);
* :mod:`kg.messages.rdf` — personal data refused in a foreign RDF file (``rdf.*``);
* :mod:`kg.messages.report` — the committee report (``report.*``);
* :mod:`kg.messages.gaps` — the committee check's verdicts, statuses, speakers (``gaps.*``);
* :mod:`kg.messages.store` and :mod:`kg.messages.doctor` — the on-disk store (``store.*``, ``doctor.*``);
* :mod:`kg.messages.queries` — queries refused or stopped (``query.*``);
* :mod:`kg.messages.cli` — what the ``ancrage`` commands print (``cli.*``);
* :mod:`kg.messages.graph` — labels written into the graph (``graph.*``).
"""
