"""Every user-facing message, in French (first) and English: one lookup, one catalogue shape.

Each domain keeps its messages in a module of :mod:`kg.messages` as ``key -> (French, English)``;
this module merges them (a key names one message across the whole product) and looks them up.

>>> t("page_network", "fr"), t("page_network", "en")
('Carte du réseau', 'Network map')
>>> t("net_counts", "en", nodes=3, edges=2)
'3 actors and 2 links match the filters.'
>>> t("page_network", "de")  # an unknown language gives French
'Carte du réseau'
"""

from __future__ import annotations

from kg.messages import cli, doctor, explorer, gaps, graph, privacy, problems, queries, rdf, report, store

LANGS = ("fr", "en")
LANG_NAMES = {"fr": "Français", "en": "English"}

#: The catalogue modules, one per domain.
DOMAINS = (explorer, problems, privacy, rdf, report, gaps, store, doctor, queries, cli, graph)

#: The catalogues merged: ``key -> (French, English)``.
MESSAGES: dict[str, tuple[str, str]] = {}
for _domain in DOMAINS:
    _twice = MESSAGES.keys() & _domain.MESSAGES.keys()
    if _twice:
        raise ValueError(f"{_domain.__name__}: keys already used by another catalogue: {sorted(_twice)}")
    MESSAGES.update(_domain.MESSAGES)


def pick(fr, en, lang: str):
    """``fr`` or ``en`` by ``lang`` (French unless ``lang`` is "en"): for a pair of texts that come
    with the data (labels of a vocabulary, a rule's reason), not from the catalogue.

    >>> pick("oui", "yes", "en"), pick("oui", "yes", "fr")
    ('yes', 'oui')
    """
    return en if lang == "en" else fr


def other_lang(lang: str) -> str:
    """The language to fall back on for a label missing in ``lang``.

    >>> other_lang("fr"), other_lang("en")
    ('en', 'fr')
    """
    return pick("en", "fr", lang)


def localise(values: dict, lang: str) -> dict:
    """``values`` for a message in ``lang``: a value named ``x_fr`` or ``x_en`` fills ``{x}`` in
    that language (the other one is dropped); other values are kept as they are.

    >>> localise({"kind_fr": "dossier", "kind_en": "folder", "n": 2}, "en")
    {'n': 2, 'kind': 'folder'}
    """
    lang = pick("fr", "en", lang)
    out = {k: v for k, v in values.items() if not k.endswith(("_fr", "_en"))}
    out.update({k[:-3]: v for k, v in values.items() if k.endswith("_" + lang)})
    return out


def both(key: str, **values) -> dict[str, str]:
    """The message ``key`` in every language, for an export that carries both (JSON).

    >>> both("page_home")
    {'fr': 'Accueil', 'en': 'Home'}
    """
    return {lang: t(key, lang, **values) for lang in LANGS}


def template(key: str, lang: str = "fr") -> str:
    """The message ``key`` in ``lang``, placeholders unfilled. An unknown key raises ``KeyError``."""
    return pick(*MESSAGES[key], lang)


def t(key: str, lang: str = "fr", **values) -> str:
    """The message ``key`` in ``lang`` (French if unknown), its ``{placeholders}`` filled with ``values``.

    Values are inserted as given: the output escapes them (:mod:`kg.escape`).
    """
    text = template(key, lang)
    return text.format(**values) if values else text


def t_n(key: str, n: int, lang: str = "fr", **values) -> str:
    """The message ``key`` for a count ``n``: ``key + "_one"`` when ``n`` is singular in ``lang``
    (French: 0 and 1; English: 1) and the catalogue has it.

    >>> t_n("imp_errors", 1, "fr")[:12], t_n("imp_errors", 2, "fr")[:13], t_n("imp_errors", 0, "en")[:11]
    ('1 problème t', '2 problèmes t', '0 problems ')
    """
    singular = pick(n in (0, 1), n == 1, lang)
    name = key + "_one" if singular and key + "_one" in MESSAGES else key
    return t(name, lang, n=n, **values)
