"""What every command shares: the app, the settings layer, bilingual messages, error exits."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Annotated, List, Optional

import typer
from rich.console import Console

from ..errors import AncrageError, is_disk_full
from ..escape import console_text
from ..settings import Settings

app = typer.Typer(
    name="ancrage",
    help="Ancrage — graphe de connaissances du travail social territorial / "
         "knowledge graph of territorial social work.",
    no_args_is_help=True,
    add_completion=False,
)
#: No emoji codes: ``:smile:`` in the data is printed as it is (markup is escaped where data is printed).
console = Console(stderr=True, soft_wrap=True, emoji=False)
out = Console(soft_wrap=True, emoji=False)

# Options several commands share, as types: ``store: StoreOption = None``.
StoreOption = Annotated[Optional[Path], typer.Option("--store", envvar="ANCRAGE_STORE",
                                                     help="Dossier du magasin / store folder.")]
LangOption = Annotated[Optional[str], typer.Option("--lang", help="fr | en")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table | csv | json")]
ParamOption = Annotated[List[str], typer.Option("--param", "-p",
                                                help="nom=valeur / name=value (répétable / repeatable).")]
LimitOption = Annotated[Optional[int], typer.Option("--limit", help="Nombre maximal de lignes / most rows.")]
TimeoutOption = Annotated[Optional[float], typer.Option("--timeout", help="Limite de temps (s) / time limit (s).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Sortie JSON / JSON output.")]


#: Quarantined records listed on the console (all of them with ``--json``).
SHOWN_PROBLEMS = 200


def quarantined_json(p) -> dict:
    """A quarantined record (:class:`kg.errors.LocatedError`) for a ``--json`` report."""
    return {"file": p.file, "line": p.line, **({"subject": p.subject} if p.subject else {}), "field": p.field,
            "expected": p.expected, "found": p.found, "message": p.message}


def print_quarantined(problems, lang: str) -> None:
    """The first :data:`SHOWN_PROBLEMS` quarantined records, one line each (data printed as text)."""
    from ..i18n import t

    for p in problems[:SHOWN_PROBLEMS]:
        out.print(f"[yellow]{t('cli.tag_quarantined', lang)}[/] ", end="")
        out.print(str(p), highlight=False, markup=False)
    if len(problems) > SHOWN_PROBLEMS:
        out.print(f"… {len(problems) - SHOWN_PROBLEMS} de plus / more (--json pour tout / for all)")


def settings(**overrides) -> Settings:
    """Settings from every layer, CLI options last."""
    return Settings.load(**overrides)


def fail(message: str, code: int = 2) -> None:
    console.print(f"[bold red]Erreur / Error:[/] {console_text(message)}", highlight=False)
    raise typer.Exit(code)


def parse_params(items: list[str]) -> dict[str, str]:
    """``--param name=value`` options as a dict; a malformed one ends the command with a message."""
    params = {}
    for item in items:
        if "=" not in item:
            fail(f"--param attend nom=valeur / expects name=value, reçu / found {item!r}")
        name, value = item.split("=", 1)
        params[name.strip()] = value
    return params


def check_format(fmt: str) -> None:
    if fmt not in ("table", "csv", "json"):
        fail(f"format inconnu / unknown format {fmt!r}: table, csv, json")


def handle_errors(fn):
    """Turn library errors into a clear message and exit status 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except AncrageError as err:
            fail(str(err))
        except OSError as err:  # a file we read or write (report, export…): no traceback, exit 2
            full = " (disque plein / disk full)" if is_disk_full(err) else ""
            fail(f"entrée-sortie / input-output{full}: {err}")
        except KeyboardInterrupt:
            console.print("interrompu / interrupted")
            sys.exit(130)

    return wrapper
