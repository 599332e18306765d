"""The Textual UI of ectui: a thin App, one module per screen, forms, widgets and styles."""
