"""``ancrage serve``: the read-only SPARQL 1.1 Protocol endpoint (:mod:`kg.serve`)."""

from __future__ import annotations

import signal
import sys
from typing import Optional

import typer

from .common import StoreOption, console, handle_errors, settings


@handle_errors
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Adresse d'écoute / bind address."),
    port: int = typer.Option(7878, "--port", help="Port (0 : un port libre / a free port)."),
    store: StoreOption = None,
    timeout: Optional[float] = typer.Option(None, "--timeout", help="Limite de temps par requête (s) / time "
                                                                    "limit per query (s)."),
    cors: bool = typer.Option(False, "--cors/--no-cors", help="Autoriser les outils web d'autres origines "
                                                              "(YASGUI) / allow browser tools of other origins."),
):
    """Point d'accès SPARQL 1.1 en lecture seule / read-only SPARQL 1.1 endpoint over the store."""
    from ..serve import make_server

    cfg = settings(store=str(store) if store else None, query_timeout=timeout)
    server = make_server(cfg, host, port, cors=cors)

    def stop(_signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    print(f"SPARQL: {server.url}", flush=True)
    console.print(f"Lecture seule, {cfg.query_timeout:g} s, {cfg.query_memory_mb} Mo, {cfg.row_limit:,} lignes "
                  f"par requête / read-only, {cfg.query_timeout:g} s, {cfg.query_memory_mb} MB, "
                  f"{cfg.row_limit:,} rows per query — {cfg.store}", highlight=False)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    sys.exit(0)


def register(app: typer.Typer) -> None:
    app.command()(serve)
