"""ectui: the domain layer of a keyboard-driven CRM: models, services and the CLI.

It never imports Textual (the CLI command that opens the UI aside)."""

__version__ = "0.1.0"

# peewee without its PostgreSQL driver until a PostgreSQL database is opened (start-up time).
from ectui import pg_driver as _pg_driver  # noqa: F401
