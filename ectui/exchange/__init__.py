"""File formats other tools speak: CSV, Excel, vCard, iCalendar, e-mail messages and mailboxes.

Pure format code: these modules read and write files and know nothing of the database; the
services in ``ectui.services`` decide what goes in and out.
"""
