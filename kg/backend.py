"""Which store the settings point to: the embedded on-disk store, or a remote SPARQL endpoint.

The CLI and the explorer open the graph through :func:`open_store` and write it through
:func:`write_sources`; both read only :class:`kg.settings.Settings`:

* ``sparql_endpoint`` empty (the default): the embedded Oxigraph store in ``store``;
* ``sparql_endpoint`` set (``--sparql-endpoint``, ``ANCRAGE_SPARQL_ENDPOINT`` or
  ``sparql_endpoint = "…"`` in ``ancrage.toml``): a :class:`kg.remote.RemoteStore` on that URL,
  writing through ``sparql_update_endpoint`` (by default ``…/query`` → ``…/update``), or through
  the Graph Store protocol at ``sparql_graph_store`` when it is set; ``sparql_union`` says
  whether each request names the graphs (``dataset``) or the server unites them (``server``).

>>> from kg.settings import Settings
>>> open_store(Settings.load(env={}, file=None, sparql_endpoint="http://localhost:7878/query"))
RemoteStore('http://localhost:7878/query')
>>> is_remote(Settings.load(env={}, file=None))
False
"""

from __future__ import annotations

from typing import Iterable

from .settings import Settings


def is_remote(settings: Settings) -> bool:
    """Whether the settings point to a remote SPARQL endpoint."""
    return bool(settings.sparql_endpoint.strip())


def open_store(settings: Settings):
    """The store to read: :class:`kg.store.Store` or :class:`kg.remote.RemoteStore`.

    Raises :class:`kg.errors.StoreError` when the embedded store does not exist yet.
    """
    if is_remote(settings):
        from .remote import RemoteStore

        return RemoteStore(settings.sparql_endpoint.strip(), settings.sparql_update_endpoint.strip() or None,
                           graph_store=settings.sparql_graph_store.strip() or None,
                           union=settings.sparql_union.strip() or "dataset", timeout=settings.query_timeout)
    from .store import Store

    return Store.open(settings.store)


def write_sources(settings: Settings, sources: Iterable, *, fresh: bool = False,
                  drop_graphs: Iterable[str] = ()) -> str:
    """Replace each source's named graph where the settings point; the new version.

    Embedded: a new store generation swapped in atomically (:func:`kg.store.write_sources`), with the
    store's write lock held (a second writer waits ``settings.write_wait`` seconds, then is refused).
    Remote: staging graphs moved onto their targets in one final update
    (:meth:`kg.remote.RemoteStore.write_sources`).
    """
    if is_remote(settings):
        store = open_store(settings)
        return store.write_sources(sources, fresh=fresh, drop_graphs=drop_graphs)
    from .store import write_sources as write_embedded

    return write_embedded(settings.store, sources, fresh=fresh, drop_graphs=drop_graphs, wait=settings.write_wait)


__all__ = ["open_store", "write_sources", "is_remote"]
