"""Shared server: roles with per-action scopes, department heads, the audit trail and the
change log other sessions poll; seeds the five roles of the seed example."""
from peewee import *

from ectui.models.fields import UtcDateTimeField

# The seed example (DOMAIN.md), frozen here: later edits by the admin live in the database.
# Scopes: none, own (records one is responsible for), department (of one's department and its
# sub-departments), all.
_ALL_ACTIONS = ("view", "create", "edit", "delete", "assign_tasks", "reports", "administer")
SEED_ROLES = (
    ("admin", "Администратор", {action: "all" for action in _ALL_ACTIONS}),
    ("head", "Руководитель отдела", {
        "view": "department", "create": "department", "edit": "department",
        "delete": "department", "assign_tasks": "department", "reports": "department",
        "administer": "none"}),
    ("senior_manager", "Старший менеджер", {
        "view": "department", "create": "own", "edit": "own", "delete": "own",
        "assign_tasks": "own", "reports": "own", "administer": "none"}),
    ("manager", "Менеджер", {
        "view": "own", "create": "own", "edit": "own", "delete": "own",
        "assign_tasks": "own", "reports": "own", "administer": "none"}),
    ("trainee", "Стажёр", {
        "view": "department", "create": "own", "edit": "own", "delete": "none",
        "assign_tasks": "own", "reports": "none", "administer": "none"}),
)


def up(migrator, db):
    class Employee(Model):
        is_admin = BooleanField(default=False)
        class Meta:
            database = db
            table_name = 'employee'

    class Role(Model):
        name = CharField(unique=True, max_length=100)
        code = CharField(index=True, max_length=40, default='')
        class Meta:
            database = db
            table_name = 'role'
    db.create_tables([Role])

    class AuditEntry(Model):
        table_name = CharField(max_length=60)
        record_id = IntegerField()
        action = CharField(max_length=20)
        employee = ForeignKeyField(Employee, null=True, on_delete='SET NULL')
        at = UtcDateTimeField()
        field = CharField(max_length=100, default='')
        old_value = TextField(default='')
        new_value = TextField(default='')
        class Meta:
            database = db
            table_name = 'audit_entry'
            indexes = ((('table_name', 'record_id'), False),)
    db.create_tables([AuditEntry])

    class ChangeLog(Model):
        table_name = CharField(max_length=60)
        record_id = IntegerField()
        action = CharField(max_length=20)
        origin = CharField(max_length=40, default='')
        at = UtcDateTimeField(index=True)
        class Meta:
            database = db
            table_name = 'change_log'
    db.create_tables([ChangeLog])

    class RolePermission(Model):
        role = ForeignKeyField(Role, on_delete='CASCADE')
        action = CharField(max_length=20)
        scope = CharField(max_length=20, default='none')
        class Meta:
            database = db
            table_name = 'role_permission'
            indexes = ((('role', 'action'), True),)
    db.create_tables([RolePermission])

    migrator.migrate(migrator.add_column('department', 'head_id', ForeignKeyField(Employee, field=Employee.id, null=True, on_delete='SET NULL')))
    migrator.migrate(migrator.add_column('employee', 'role_id', ForeignKeyField(Role, field=Role.id, null=True, on_delete='RESTRICT')))

    role_ids = {}
    for code, name, scopes in SEED_ROLES:
        role_ids[code] = Role.insert(name=name, code=code).execute()
        RolePermission.insert_many(
            [{"role": role_ids[code], "action": action, "scope": scope}
             for action, scope in scopes.items()]).execute()
    # People already in the base keep working: administrators as such, everyone else as a
    # manager of their own clients until the admin says otherwise.
    class EmployeeRole(Model):
        is_admin = BooleanField(default=False)
        role = IntegerField(column_name='role_id', null=True)
        class Meta:
            database = db
            table_name = 'employee'

    EmployeeRole.update(role=role_ids["admin"]).where(EmployeeRole.is_admin == True).execute()  # noqa: E712
    EmployeeRole.update(role=role_ids["manager"]).where(EmployeeRole.is_admin == False).execute()  # noqa: E712


def down(migrator, db):
    migrator.migrate(migrator.drop_index('employee', 'employee_role_id'))
    migrator.migrate(migrator.drop_index('department', 'department_head_id'))
    migrator.migrate(migrator.drop_column('employee', 'role_id'))
    migrator.migrate(migrator.drop_column('department', 'head_id'))
    migrator.migrate(migrator.drop_table('role_permission'))
    migrator.migrate(migrator.drop_table('change_log'))
    migrator.migrate(migrator.drop_table('audit_entry'))
    migrator.migrate(migrator.drop_table('role'))
