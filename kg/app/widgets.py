"""Small Streamlit pieces shared by the pages: the territory picker, the actor card, tables.

They only lay out what :mod:`kg.app.model` and :mod:`kg.app.data` computed.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd
import streamlit as st

from ..escape import markdown_code, markdown_text
from ..i18n import MESSAGES
from . import data
from .model import TerritoryIndex, label_of
from .network_view import to_csv


def territory_label(iri: str | None, idx: TerritoryIndex, names: dict) -> str:
    if iri is None:
        return data.tr("all")
    code = idx.code.get(iri)
    name = label_of(iri, names)
    return f"{name} ({code})" if code and code not in name else name


def territory_picker(idx: TerritoryIndex, names: dict, key: str, container=None) -> str | None:
    """Région → département → EPCI select boxes; the deepest territory chosen, or ``None``."""
    box = container or st
    regions = idx.at_level("region")
    region = box.selectbox(data.tr("f_region"), [None] + regions, key=f"{key}_region", placeholder=data.tr("choose"),
                           format_func=lambda x: territory_label(x, idx, names))
    deps = idx.at_level("departement", within=region) if region else idx.at_level("departement")
    dep = box.selectbox(data.tr("f_departement"), [None] + deps, key=f"{key}_dep", placeholder=data.tr("choose"),
                        format_func=lambda x: territory_label(x, idx, names))
    epcis = idx.at_level("intercommunalite", within=dep) if dep else []
    epci = box.selectbox(data.tr("f_epci"), [None] + epcis, key=f"{key}_epci", disabled=not epcis,
                         placeholder=data.tr("choose"),
                         format_func=lambda x: territory_label(x, idx, names))
    return epci or dep or region


def select_departement(idx: TerritoryIndex, key: str, dep_iri: str) -> None:
    """Set the picker ``key`` to a département (and its région); call before the picker is drawn."""
    regions = [t for t in idx.ancestors(dep_iri) if idx.level.get(t) == "region"]
    st.session_state[f"{key}_region"] = regions[0] if regions else None
    st.session_state[f"{key}_dep"] = dep_iri
    st.session_state[f"{key}_epci"] = None


#: The dates a date field accepts (Streamlit's default would stop ten years after the default date).
DATE_MIN, DATE_MAX = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


def date_field(label_key: str, key: str, default: dt.date, disabled: bool = False,
               param: str | None = None) -> dt.date | None:
    """A date field restored from the URL (``?<param>=YYYY-MM-DD``), with its bounds stated. A
    date in the URL outside them, or not a date, is named in a message and the field keeps its
    default: never a silent fallback."""
    from . import urlstate

    start, end = DATE_MIN.strftime("%d/%m/%Y"), DATE_MAX.strftime("%d/%m/%Y")
    bad = urlstate.restore(key, "date", default, param=param)
    value = st.session_state.get(key)
    if isinstance(value, dt.date) and not DATE_MIN <= value <= DATE_MAX:
        bad, st.session_state[key] = value.isoformat(), default
    if bad is not None:
        st.warning(data.tr("date_out_of_bounds", value=bad, start=start, end=end))
    value = st.date_input(data.tr(label_key), min_value=DATE_MIN, max_value=DATE_MAX, key=key,
                          disabled=disabled, format="DD/MM/YYYY", help=data.tr("date_bounds", start=start, end=end))
    return value if isinstance(value, dt.date) else None


def share_link() -> None:
    """The link to the current view (page, filters, language), in a box with a copy button."""
    try:
        current = st.context.url or ""
    except Exception:  # noqa: BLE001 - no browser context (bare runs)
        current = ""
    parts = urlsplit(current)
    query = urlencode([(k, v) for k in st.query_params for v in st.query_params.get_all(k)])
    link = urlunsplit((parts.scheme, parts.netloc, parts.path, query, "")) if parts.netloc else "?" + query
    with st.expander(data.tr("share_title")):
        st.caption(data.tr("share_help"))
        st.code(link, language=None, wrap_lines=True)


ROW_PX = 35  # height of a row of st.dataframe


def table_height(n_rows: int, height: int | None) -> int | None:
    """The fixed height to give a table of ``n_rows``: ``height`` only when the rows overflow it
    (a fixed height over a few rows shows blank rows under them).

    >>> table_height(2, 300), table_height(50, 300), table_height(50, None)
    (None, 300, None)
    """
    return height if height and ROW_PX * (n_rows + 1) + 3 > height else None


def table(rows: list[dict], columns: dict[str, str], key: str | None = None, height: int | None = None) -> None:
    """A read-only table of ``rows`` with translated column names (``columns``: field → message key)."""
    frame = pd.DataFrame([{data.tr(v): _cell(r.get(k)) for k, v in columns.items()} for r in rows],
                         columns=[data.tr(v) for v in columns.values()])
    kwargs = {"hide_index": True, "width": "stretch"}
    if table_height(len(rows), height):
        kwargs["height"] = height
    st.dataframe(frame, key=key, **kwargs)


def _cell(value):
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else value


def csv_download(label_key: str, rows: list[dict], file_name: str, key: str, columns: list[str] | None = None) -> None:
    st.download_button(data.tr(label_key), data=to_csv(rows, columns), file_name=file_name,
                       mime="text/csv", key=key, on_click="ignore")


def colon(label: str) -> str:
    """``label`` followed by a colon as each language writes it (« Type : » / "Kind:")."""
    return f"{label} :" if data.lang() == "fr" else f"{label}:"


def actor_card(card: dict, open_key: str | None = None) -> None:
    """The card of an actor: what it is, where, with whom, and from which sources.

    With ``open_key`` (the session key of the actor picker) every related actor is a button that
    opens its own card.
    """
    tr = data.tr
    st.subheader(markdown_text(card["label"]))
    kinds = [tr("kind_" + k) if ("kind_" + k) in MESSAGES else k for k in card["kinds"]]
    lines = [(tr("card_kind"), ", ".join(kinds)), (tr("card_categories"), ", ".join(card["categories"])),
             (tr("card_territories"), ", ".join(card["territories"])), (tr("card_worlds"), ", ".join(card["worlds"])),
             (tr("card_scales"), ", ".join(card["scales"])), (tr("card_alt"), ", ".join(card["alt_labels"])),
             (tr("card_status"), " — ".join(x for x in (card.get("status"), card.get("status_basis")) if x)),
             (tr("card_ids"), ", ".join(f"{name.upper()} {value}" for name, value in card.get("identifiers", []))),
             (tr("card_note"), card.get("note") or card.get("description") or "")]
    if card.get("said_by"):
        lines.append((tr("card_said_by"), ", ".join(card["said_by"])))
    if card.get("statement_status") and not card.get("observed", True):
        lines.insert(0, (tr("col_status"), card["statement_status"]))
    lines = [(k, markdown_text(v)) for k, v in lines] + [(tr("card_url"), markdown_code(card.get("url")))]
    st.markdown("\n".join(f"- **{colon(k)}** {v}" for k, v in lines if v))
    if not card.get("observed", True):
        st.warning(data.tr_md("card_not_observed", status=card["statement_status"]))
    st.caption(markdown_code(card["iri"]))
    member_of = [m for m in card["memberships"] if m["direction"] == "member-of"]
    members = [m for m in card["memberships"] if m["direction"] == "has-member"]
    cols = {"label": "col_actor", "role": "col_role", "start": "col_start", "end": "col_end", "status": "col_status"}
    for key, rows in (("card_accompanies", card.get("accompanies") or []),
                      ("card_accompanied_by", card.get("accompanied_by") or [])):
        if rows:
            st.markdown(f"**{colon(tr(key))}** " + ", ".join(markdown_text(r["label"]) for r in rows))
    if member_of:
        st.markdown(f"**{tr('card_memberships')}**")
        table(member_of, cols)
    if members:
        st.markdown(f"**{tr('card_members')}**")
        table(members, cols)
    if card["partners"]:
        st.markdown(f"**{tr('card_partners')}**")
        table(card["partners"], {"label": "col_actor", "natures": "col_nature", "statuses": "col_status"})
    if card["flows"]:
        st.markdown(f"**{tr('card_flows')}**")
        table(card["flows"], {"from": "col_from", "to": "col_to", "direction": "col_direction", "status": "col_status"})
    if card["sections"]:
        st.markdown(f"**{tr('card_sources')}**")
        table(card["sections"], {"number": "col_number", "title": "col_section"})
    if card.get("passages"):
        st.markdown(f"**{tr('card_passages')}**")
        table(card["passages"], {"number": "col_number", "lines": "col_lines", "quote": "col_quote"})
    if card["graphs"]:
        st.markdown(f"**{colon(tr('card_graphs'))}** " + ", ".join(markdown_code(g.rsplit('/', 1)[-1]) for g in card["graphs"]))
    if open_key:
        _related_buttons(card, open_key)


def _related_buttons(card: dict, open_key: str) -> None:
    """Every actor the card names, as a pill that opens its card."""
    related: dict[str, str] = {}
    for row in (card.get("accompanies") or []) + (card.get("accompanied_by") or []) + card["memberships"] \
            + card["partners"]:
        if row.get("iri") and row["iri"] != card["iri"] and "/territory/" not in row["iri"]:  # actors only
            related.setdefault(row["iri"], row["label"])
    if not related:
        return
    key = f"{open_key}__open__{card['iri']}"

    def _open() -> None:
        chosen = st.session_state.get(key)
        if chosen:
            st.session_state[open_key] = chosen

    st.pills(data.tr("card_open"), sorted(related, key=lambda x: (related[x].lower(), x)), key=key,
             format_func=lambda x: markdown_text(related[x]),  # pill labels are Markdown
             on_change=_open, selection_mode="single")

