"""The base of every model: bound to the runtime-chosen database."""

from __future__ import annotations

import peewee

from ectui.db import database


class BaseModel(peewee.Model):
    class Meta:
        database = database
        legacy_table_names = False
