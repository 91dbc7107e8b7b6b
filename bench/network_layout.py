"""Time of the network drawing's server side (kg.app.network_view): the layout, then the whole vis
payload (layout, tooltips, signature), on Barabási–Albert graphs the size of what the map draws.
Writes bench/network_layout.md.

    PYTHONPATH=$PWD python bench/network_layout.py
"""

from __future__ import annotations

import platform
import time
from pathlib import Path

import networkx as nx

from kg.app import network_view as nv

SIZES = (61, 500, 1500, 5000)


def main() -> None:
    rows = []
    nv.layout(nx.path_graph(["a", "b", "c"]))  # imports igraph
    for n in SIZES:
        g = nx.relabel_nodes(nx.barabasi_albert_graph(n, 2, seed=1), {i: f"n{i}" for i in range(n)})
        t = time.perf_counter()
        nv.layout(g)
        layout = time.perf_counter() - t
        t = time.perf_counter()
        nv.vis_payload(g, nv.centrality(g, "degree"))
        payload = time.perf_counter() - t
        rows.append(f"| {n} | {g.number_of_edges()} | {layout:.2f} | {payload:.2f} |")
    text = "\n".join([
        "# Network drawing: layout and payload", "",
        f"Machine: {platform.machine()}, {platform.python_version()}; shared CPU (2 cores, other work running).", "",
        "| nodes | edges | layout (s) | payload incl. layout (s) |", "| --- | --- | --- | --- |", *rows, "",
        "The payload is computed once per store version and set of filters (`st.cache_resource`); the",
        "default node limit is 1,500.", ""])
    Path(__file__).with_name("network_layout.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
