"""The founder's path, without Streamlit: a new committee drafted in the explorer (territory,
members picked from the graph or typed), written as an ordinary spreadsheet import so every check
of the template applies (privacy guard, identity, references); the template as downloads; the
fictional worked example added and removed in one click.

A draft is three CSV files of the template (``comite-<id>-acteurs.csv``, ``-comites.csv``,
``-adhesions.csv``) checked and written by :mod:`kg.app.importing`: each is its own named graph
(``import-comite-<id>-…``), so removing the draft drops those graphs and nothing else.

>>> d = Draft("Creuse", "23", [Pick(iri="https://w3id.org/ancrage/id/actor/x"), Pick(name="Service ASE",
...           category="collectivite-departement", part_of="https://w3id.org/ancrage/id/actor/x")])
>>> search_actors({"https://w3id.org/ancrage/id/actor/x": "Département de la Creuse",
...                 "https://w3id.org/ancrage/id/territory/departement/23": "Creuse"}, "creuse")
[('https://w3id.org/ancrage/id/actor/x', 'Département de la Creuse')]
>>> [name for name, _ in draft_files(d)]
['comite-creuse-acteurs.csv', 'comite-creuse-comites.csv', 'comite-creuse-adhesions.csv']
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from kg.namespaces import BASE, entity, graph_iri, slug
from kg.paths import shipped

TEMPLATE_DIR = shipped("docs", "templates")
EXAMPLE_DIR = TEMPLATE_DIR / "exemple" / "csv"
#: The sheets a draft writes, in the order the loader reads them.
DRAFT_SHEETS = ("acteurs", "comites", "adhesions")


@dataclass
class Pick:
    """A member of a draft: an actor of the graph (``iri``) or a new one (name, category, parent)."""

    iri: str | None = None
    name: str | None = None
    category: str | None = None
    part_of: str | None = None  # IRI of the parent institution (an actor of the graph or of the draft)
    label: str | None = None  # how the page shows an actor of the graph


@dataclass
class Draft:
    """A committee being founded: its name, territory (INSEE code or name) and members."""

    name: str
    territory: str
    members: list[Pick] = field(default_factory=list)

    @property
    def id(self) -> str:
        return slug(self.name) or "nouveau"

    @property
    def committee_iri(self) -> str:
        return str(entity("committee", f"comite-{self.id}"))

    def source_ids(self) -> list[str]:
        return [f"import-comite-{self.id}-{s}" for s in DRAFT_SHEETS]


def new_member_id(draft: Draft, pick: Pick) -> str:
    """The id a typed member gets in the draft (its position keeps it unique)."""
    return f"{draft.id}-{draft.members.index(pick) + 1}-{slug(pick.name or '')}"[:60]


def draft_files(draft: Draft) -> list[tuple[str, bytes]]:
    """The draft as the three CSV files of the template."""
    from loaders.tabular_template import csv_text

    ids = {id(p): new_member_id(draft, p) for p in draft.members if not p.iri}
    iri_of_new = {str(entity("actor", i)): i for i in ids.values()}
    actors = [{"id": ids[id(p)], "nom": p.name, "categorie": p.category, "territoire": draft.territory,
               "rattachement": iri_of_new.get(p.part_of, p.part_of) or "",
               "source": "Saisi dans l'explorateur (nouveau comité)"}
              for p in draft.members if not p.iri]
    committee = [{"id": f"comite-{draft.id}", "nom": draft.name, "territoire": draft.territory,
                  "source": "Saisi dans l'explorateur (nouveau comité)"}]
    members = [{"membre": p.iri or ids[id(p)], "comite": f"comite-{draft.id}", "role": "membre"}
               for p in draft.members]
    rows = {"acteurs": actors, "comites": committee, "adhesions": members}
    return [(f"comite-{draft.id}-{s}.csv", csv_text(s, rows[s]).encode("utf-8-sig")) for s in DRAFT_SHEETS]


def check_draft(draft: Draft, lang: str, store):
    """The import check of the draft (nothing written)."""
    from . import importing

    with importing.staged(draft_files(draft)) as paths:
        return importing.check(paths, lang, store=store)


def save_draft(draft: Draft, settings, lang: str, store):
    """Write the draft's good rows (replacing an earlier save of the same draft); the new version."""
    from . import importing

    with importing.staged(draft_files(draft)) as paths:
        version, _done = importing.add(paths, settings, lang, store=store, replace=True)
    return version


def remove_sources(settings, source_ids) -> str:
    """Drop these named graphs (a draft, the example) in one atomic write; the new version."""
    from kg.backend import write_sources

    return write_sources(settings, [], drop_graphs=[str(graph_iri(s)) for s in source_ids])


# ---------------------------------------------------------------------------------------------
# the template and the fictional example
# ---------------------------------------------------------------------------------------------

def template_xlsx() -> bytes:
    """The XLSX template as shipped (``docs/templates/modele-ancrage.xlsx``)."""
    from loaders.tabular_template import XLSX_NAME

    return (TEMPLATE_DIR / XLSX_NAME).read_bytes()


def template_zip() -> bytes:
    """The CSV files of the template in one zip."""
    from loaders.tabular_template import csv_text
    from loaders.tabular_vocab import SHEETS

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for sheet in SHEETS:
            z.writestr(f"{sheet.key}.csv", csv_text(sheet.key).encode("utf-8-sig"))
    return buf.getvalue()


def example_files() -> list[tuple[str, bytes]]:
    """The fictional worked example of docs/import.md (Hautes-Pyrénées), as CSV files."""
    return [(p.name, p.read_bytes()) for p in sorted(EXAMPLE_DIR.glob("*.csv"))]


def example_source_ids() -> list[str]:
    from loaders.tabular_rows import import_source_id

    return [import_source_id(name) for name, _ in example_files()]


def example_loaded(store) -> bool:
    graphs = {str(g) for g in store.named_graphs()}
    return any(str(graph_iri(s)) in graphs for s in example_source_ids())


def add_example(settings, lang: str, store) -> str | None:
    from . import importing

    with importing.staged(example_files()) as paths:
        version, _done = importing.add(paths, settings, lang, store=store, replace=True)
    return version


def search_actors(names: dict, text: str, limit: int = 30) -> list[tuple[str, str]]:
    """Actors of the graph whose name contains ``text`` (accents and case ignored), shortest first."""
    from kg.text import name_key

    wanted = name_key(text)
    if len(wanted) < 2:
        return []
    prefix = f"{BASE}id/actor/"
    found = [(iri, label) for iri, label in names.items()
             if iri.startswith(prefix) and wanted in name_key(str(label))]
    return sorted(found, key=lambda x: (len(x[1]), x[1].lower(), x[0]))[:limit]


__all__ = ["Draft", "Pick", "draft_files", "check_draft", "save_draft", "remove_sources", "template_xlsx",
           "template_zip", "example_files", "example_source_ids", "example_loaded", "add_example",
           "search_actors"]
