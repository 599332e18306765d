"""ectui: the domain layer of a keyboard-driven CRM (models, services, CLI). Never imports Textual."""

__version__ = "0.1.0"
