"""``python -m kg.cli`` runs the ``ancrage`` command."""

from . import app

if __name__ == "__main__":
    app()
