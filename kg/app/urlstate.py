"""A view as a link: the page's widgets and the URL's query parameters, both ways.

Before a widget is drawn, :func:`restore` gives it the value the URL names (when the session has
none yet: a link just opened); after the widgets, :func:`publish` writes the values back, with
the language, so that the address bar always holds a link that reopens the same view.

Values are codes and IRIs, never labels, so a link works in either language. Streamlit's own
``bind="query-params"`` writes the *labels* of the options, hence this small module.

>>> parse("list", ["a", "b"], ["a", "c"])
['a']
>>> parse("bool", ["0"]), parse("int", ["3"]), parse("date", ["2018-09-21"])
(False, 3, datetime.date(2018, 9, 21))
>>> parse("date", ["2018-13-01"]) is INVALID
True
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

INVALID = object()


def parse(kind: str, raw: list[str], options=None):
    """The value of a query parameter (its repeated values ``raw``), or :data:`INVALID`."""
    if kind == "list":
        return [v for v in raw if options is None or v in options]
    if not raw:
        return INVALID
    value = raw[-1]
    try:
        if kind == "bool":
            return value.lower() in ("1", "true", "yes", "oui")
        if kind == "int":
            return int(value)
        if kind == "date":
            return dt.date.fromisoformat(value)
    except ValueError:
        return INVALID
    if value in ("", "none"):
        return None
    return value if options is None or value in options else INVALID


def restore(key: str, kind: str = "str", default=None, options=None, param: str | None = None):
    """Give the widget ``key`` its value: the URL's (first run of the session only), else
    ``default``. Returns the raw URL text when the URL named an invalid value, else ``None``.

    Call it before drawing the widget and give the widget no default of its own.
    """
    if key in st.session_state:
        return None
    param = param or key
    raw = st.query_params.get_all(param)
    value = parse(kind, raw, options) if raw else INVALID
    st.session_state[key] = default if value is INVALID else value
    return raw[-1] if raw and value is INVALID else None


def lang_key(name: str) -> str:
    """The key of a widget whose option labels depend on the language: one per language, since
    Streamlit keeps a multiselect's choice as labels and would not find them in the other one."""
    from . import data

    return f"{name}.{data.lang()}"


def publish(values: dict) -> None:
    """Write the view into the URL: ``values`` (parameter → value; ``None`` left out, an empty
    list kept as an empty parameter so that it is not read back as the default) and the language."""
    from . import data

    wanted: dict[str, list[str]] = {"lang": [data.lang()]}
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            wanted[name] = [str(v) for v in value] or [""]
        elif isinstance(value, dt.date):
            wanted[name] = [value.isoformat()]
        elif isinstance(value, bool):
            wanted[name] = ["1" if value else "0"]
        else:
            wanted[name] = [str(value)]
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict({k: v if len(v) > 1 else v[0] for k, v in wanted.items()})
    from urllib.parse import urlencode

    from .components import address_bar

    address_bar(urlencode([(k, v) for k, vs in wanted.items() for v in vs]))
