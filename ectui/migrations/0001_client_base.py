"""The client base: employees, organizations, contacts, groups, custom fields, links, and search."""
from peewee import *

from ectui.models.fields import UtcDateTimeField


def up(migrator, db):
    class ClientGroup(Model):
        name = CharField(max_length=200)
        kind = CharField(max_length=20)
        class Meta:
            database = db
            table_name = 'client_group'
            indexes = ((('kind', 'name'), True),)
    db.create_tables([ClientGroup])

    class Department(Model):
        name = CharField(max_length=200)
        parent = ForeignKeyField('self', null=True, on_delete='SET NULL')
        class Meta:
            database = db
            table_name = 'department'
    db.create_tables([Department])

    class Employee(Model):
        login = CharField(unique=True, max_length=64)
        last_name = CharField(max_length=100)
        first_name = CharField(max_length=100, default='')
        patronymic = CharField(max_length=100, default='')
        position = CharField(max_length=200, default='')
        department = ForeignKeyField(Department, null=True, on_delete='SET NULL')
        email = CharField(max_length=254, default='')
        phone = CharField(max_length=100, default='')
        is_active = BooleanField(default=True)
        is_admin = BooleanField(default=False)
        created_at = UtcDateTimeField()
        class Meta:
            database = db
            table_name = 'employee'
    db.create_tables([Employee])

    class Organization(Model):
        name = CharField(max_length=300)
        full_name = CharField(max_length=500, default='')
        legal_form = CharField(max_length=50, default='')
        inn = CharField(index=True, max_length=12, default='')
        kpp = CharField(max_length=9, default='')
        ogrn = CharField(max_length=15, default='')
        phones = CharField(max_length=300, default='')
        fax = CharField(max_length=100, default='')
        email = CharField(index=True, max_length=254, default='')
        website = CharField(max_length=300, default='')
        legal_address = TextField(default='')
        postal_address = TextField(default='')
        actual_address = TextField(default='')
        bank_name = CharField(max_length=300, default='')
        bik = CharField(max_length=9, default='')
        settlement_account = CharField(max_length=20, default='')
        correspondent_account = CharField(max_length=20, default='')
        segment = CharField(index=True, max_length=200, default='')
        category = CharField(index=True, max_length=20, default='prospect')
        source_channel = CharField(index=True, max_length=200, default='')
        responsible = ForeignKeyField(Employee, null=True, on_delete='SET NULL')
        notes = TextField(default='')
        created_at = UtcDateTimeField()
        updated_at = UtcDateTimeField()
        version = IntegerField(default=1)
        search_text = TextField(default='')
        sort_key = CharField(index=True, max_length=300, default='')
        class Meta:
            database = db
            table_name = 'organization'
    db.create_tables([Organization])

    class OrgDepartment(Model):
        organization = ForeignKeyField(Organization, on_delete='CASCADE')
        name = CharField(max_length=200)
        parent = ForeignKeyField('self', null=True, on_delete='SET NULL')
        class Meta:
            database = db
            table_name = 'org_department'
    db.create_tables([OrgDepartment])

    class Contact(Model):
        last_name = CharField(max_length=100)
        first_name = CharField(max_length=100, default='')
        patronymic = CharField(max_length=100, default='')
        gender = CharField(max_length=1, default='')
        organization = ForeignKeyField(Organization, null=True, on_delete='CASCADE')
        department = ForeignKeyField(OrgDepartment, null=True, on_delete='SET NULL')
        position = CharField(max_length=200, default='')
        work_phone = CharField(max_length=100, default='')
        mobile_phone = CharField(max_length=100, default='')
        home_phone = CharField(max_length=100, default='')
        fax = CharField(max_length=100, default='')
        email = CharField(index=True, max_length=254, default='')
        website = CharField(max_length=300, default='')
        address = TextField(default='')
        birthday = DateField(null=True)
        id_document = CharField(max_length=300, default='')
        career = TextField(default='')
        education = TextField(default='')
        hobbies = TextField(default='')
        likes = TextField(default='')
        dislikes = TextField(default='')
        family = TextField(default='')
        life_events = TextField(default='')
        notes = TextField(default='')
        decision_role = CharField(max_length=20, default='')
        reports_to = ForeignKeyField('self', null=True, on_delete='SET NULL')
        responsible = ForeignKeyField(Employee, null=True, on_delete='SET NULL')
        created_at = UtcDateTimeField()
        updated_at = UtcDateTimeField()
        version = IntegerField(default=1)
        search_text = TextField(default='')
        sort_key = CharField(index=True, max_length=300, default='')
        class Meta:
            database = db
            table_name = 'contact'
    db.create_tables([Contact])

    class CustomField(Model):
        applies_to = CharField(max_length=20)
        name = CharField(max_length=200)
        field_type = CharField(max_length=20)
        choices = TextField(default='')
        position = IntegerField(default=0)
        is_active = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'custom_field'
            indexes = ((('applies_to', 'name'), True),)
    db.create_tables([CustomField])

    class ContactCustomValue(Model):
        field = ForeignKeyField(CustomField, on_delete='CASCADE')
        contact = ForeignKeyField(Contact, on_delete='CASCADE')
        value = TextField()
        class Meta:
            database = db
            table_name = 'contact_custom_value'
            indexes = ((('contact', 'field'), True),)
    db.create_tables([ContactCustomValue])

    class ContactGroupMember(Model):
        group = ForeignKeyField(ClientGroup, on_delete='CASCADE')
        contact = ForeignKeyField(Contact, on_delete='CASCADE')
        class Meta:
            database = db
            table_name = 'contact_group_member'
            indexes = ((('group', 'contact'), True),)
    db.create_tables([ContactGroupMember])

    class Link(Model):
        label = CharField(max_length=200)
        from_organization = ForeignKeyField(Organization, null=True, on_delete='CASCADE')
        from_contact = ForeignKeyField(Contact, null=True, on_delete='CASCADE')
        to_organization = ForeignKeyField(Organization, null=True, on_delete='CASCADE')
        to_contact = ForeignKeyField(Contact, null=True, on_delete='CASCADE')
        created_at = UtcDateTimeField()
        class Meta:
            database = db
            table_name = 'link'
    db.create_tables([Link])

    class OrganizationCustomValue(Model):
        field = ForeignKeyField(CustomField, on_delete='CASCADE')
        organization = ForeignKeyField(Organization, on_delete='CASCADE')
        value = TextField()
        class Meta:
            database = db
            table_name = 'organization_custom_value'
            indexes = ((('organization', 'field'), True),)
    db.create_tables([OrganizationCustomValue])

    class OrganizationGroupMember(Model):
        group = ForeignKeyField(ClientGroup, on_delete='CASCADE')
        organization = ForeignKeyField(Organization, on_delete='CASCADE')
        class Meta:
            database = db
            table_name = 'organization_group_member'
            indexes = ((('group', 'organization'), True),)
    db.create_tables([OrganizationGroupMember])

    class Setting(Model):
        key = CharField(primary_key=True, max_length=100)
        value = TextField(default='')
        class Meta:
            database = db
            table_name = 'setting'
    db.create_tables([Setting])

    _create_search_indexes(db)


def down(migrator, db):
    for table in ('organization', 'contact'):
        db.execute_sql(f'DROP TABLE IF EXISTS {table}_fts')
    migrator.migrate(migrator.drop_table('setting'))
    migrator.migrate(migrator.drop_table('organization_group_member'))
    migrator.migrate(migrator.drop_table('organization_custom_value'))
    migrator.migrate(migrator.drop_table('link'))
    migrator.migrate(migrator.drop_table('contact_group_member'))
    migrator.migrate(migrator.drop_table('contact_custom_value'))
    migrator.migrate(migrator.drop_table('custom_field'))
    migrator.migrate(migrator.drop_table('contact'))
    migrator.migrate(migrator.drop_table('org_department'))
    migrator.migrate(migrator.drop_table('organization'))
    migrator.migrate(migrator.drop_table('employee'))
    migrator.migrate(migrator.drop_table('department'))
    migrator.migrate(migrator.drop_table('client_group'))



def _create_search_indexes(db):
    # Search matches word prefixes of the normalized ``search_text`` column (see ectui/search.py).
    if isinstance(db, SqliteDatabase):
        for table in ("organization", "contact"):
            db.execute_sql(
                f"CREATE VIRTUAL TABLE {table}_fts USING fts5(search_text, content='{table}', "
                f"content_rowid='id', tokenize='unicode61 remove_diacritics 2')")
            db.execute_sql(
                f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN "
                f"INSERT INTO {table}_fts(rowid, search_text) VALUES (new.id, new.search_text); END")
            db.execute_sql(
                f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN "
                f"INSERT INTO {table}_fts({table}_fts, rowid, search_text) "
                f"VALUES ('delete', old.id, old.search_text); END")
            db.execute_sql(
                f"CREATE TRIGGER {table}_fts_update AFTER UPDATE OF search_text ON {table} BEGIN "
                f"INSERT INTO {table}_fts({table}_fts, rowid, search_text) "
                f"VALUES ('delete', old.id, old.search_text); "
                f"INSERT INTO {table}_fts(rowid, search_text) VALUES (new.id, new.search_text); END")
    else:
        for table in ("organization", "contact"):
            db.execute_sql(
                f"CREATE INDEX {table}_search_idx ON {table} "
                f"USING GIN (to_tsvector('simple', search_text))")
