"""Sales documents as files: Word templates, what fills them, the made files and PDF."""
