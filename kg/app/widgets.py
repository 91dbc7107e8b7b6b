"""Small Streamlit pieces shared by the pages: the territory picker, the actor card, tables.

They only lay out what :mod:`kg.app.model` and :mod:`kg.app.data` computed.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..escape import markdown_code, markdown_text
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


def table(rows: list[dict], columns: dict[str, str], key: str | None = None, height: int | None = None) -> None:
    """A read-only table of ``rows`` with translated column names (``columns``: field → message key)."""
    frame = pd.DataFrame([{data.tr(v): _cell(r.get(k)) for k, v in columns.items()} for r in rows],
                         columns=[data.tr(v) for v in columns.values()])
    kwargs = {"hide_index": True, "width": "stretch"}
    if height:
        kwargs["height"] = height
    st.dataframe(frame, key=key, **kwargs)


def _cell(value):
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else value


def csv_download(label_key: str, rows: list[dict], file_name: str, key: str, columns: list[str] | None = None) -> None:
    st.download_button(data.tr(label_key), data=to_csv(rows, columns), file_name=file_name,
                       mime="text/csv", key=key, on_click="ignore")


def actor_card(card: dict) -> None:
    """The card of an actor: what it is, where, with whom, and from which sources."""
    tr = data.tr
    st.subheader(markdown_text(card["label"]))
    kinds = [tr("kind_" + k) if ("kind_" + k) in _kind_keys() else k for k in card["kinds"]]
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
    st.markdown("\n".join(f"- **{k}** : {v}" for k, v in lines if v))
    if not card.get("observed", True):
        st.warning(data.tr_md("card_not_observed", status=card["statement_status"]))
    st.caption(markdown_code(card["iri"]))
    member_of = [m for m in card["memberships"] if m["direction"] == "member-of"]
    members = [m for m in card["memberships"] if m["direction"] == "has-member"]
    cols = {"label": "col_actor", "role": "col_role", "start": "col_start", "end": "col_end", "status": "col_status"}
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
        st.markdown(f"**{tr('card_graphs')}** : " + ", ".join(markdown_code(g.rsplit('/', 1)[-1]) for g in card["graphs"]))


def _kind_keys():
    from .i18n import MESSAGES

    return MESSAGES

