"""Modal forms: `record_form.RecordForm` (create / edit a record), `confirm.ConfirmDialog`
(a yes/no question) and `entry_picker.EntryPicker` (choose an organization or a contact).

Their styles live in ``screens/styles/forms.tcss``; every form screen loads it by absolute
path, so a subclass defined in another package still finds it.
"""

from __future__ import annotations

from pathlib import Path

FORMS_CSS = Path(__file__).resolve().parent.parent / "styles" / "forms.tcss"
