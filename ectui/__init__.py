"""ectui: the domain layer of a keyboard-driven CRM: models, services and the CLI.

It never imports Textual (the CLI command that opens the UI aside)."""

__version__ = "0.1.0"
