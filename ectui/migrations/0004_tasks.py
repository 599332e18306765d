"""The relationship history: task types and results, tasks in a tree, participants, reminders,
notices to announce, and sales process templates; seeds the built-in task types."""
from peewee import *

from ectui.models.fields import UtcDateTimeField


def up(migrator, db):
    class Contact(Model):
        class Meta:
            database = db
            table_name = 'contact'

    class Employee(Model):
        class Meta:
            database = db
            table_name = 'employee'

    class Organization(Model):
        class Meta:
            database = db
            table_name = 'organization'

    class SalesTemplate(Model):
        name = CharField(unique=True, max_length=200)
        description = TextField(default='')
        sequential = BooleanField(default=True)
        is_active = BooleanField(default=True)
        created_at = UtcDateTimeField()
        updated_at = UtcDateTimeField()
        class Meta:
            database = db
            table_name = 'sales_template'
    db.create_tables([SalesTemplate])

    class TaskType(Model):
        code = CharField(unique=True, max_length=50)
        name = CharField(max_length=200, default='')
        is_builtin = BooleanField(default=False)
        default_delay_days = IntegerField(default=2)
        position = IntegerField(default=0)
        is_active = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'task_type'
    db.create_tables([TaskType])

    class TaskResult(Model):
        task_type = ForeignKeyField(TaskType, on_delete='CASCADE')
        code = CharField(max_length=50)
        name = CharField(max_length=200, default='')
        advances = BooleanField(default=True)
        position = IntegerField(default=0)
        is_active = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'task_result'
            indexes = ((('task_type', 'code'), True),)
    db.create_tables([TaskResult])

    class TemplateStep(Model):
        template = ForeignKeyField(SalesTemplate, on_delete='CASCADE')
        parent = ForeignKeyField('self', null=True, on_delete='CASCADE')
        level = CharField(max_length=20)
        title = CharField(max_length=300)
        task_type = ForeignKeyField(TaskType, null=True, on_delete='SET NULL')
        offset_days = IntegerField(default=0)
        planned_result = TextField(default='')
        position = IntegerField(default=0)
        class Meta:
            database = db
            table_name = 'template_step'
    db.create_tables([TemplateStep])

    class Task(Model):
        level = CharField(max_length=20, default='operation')
        parent = ForeignKeyField('self', null=True, on_delete='CASCADE')
        root = ForeignKeyField('self', null=True, on_delete='CASCADE')
        position = IntegerField(default=0)
        task_type = ForeignKeyField(TaskType, null=True, on_delete='SET NULL')
        title = CharField(max_length=300)
        description = TextField(default='')
        planned_result = TextField(default='')
        result = ForeignKeyField(TaskResult, null=True, on_delete='SET NULL')
        result_note = TextField(default='')
        organization = ForeignKeyField(Organization, null=True, on_delete='CASCADE')
        contact = ForeignKeyField(Contact, null=True, on_delete='SET NULL')
        priority = IntegerField(default=2)
        status = CharField(max_length=20, default='planned')
        start_at = UtcDateTimeField(null=True)
        due_at = UtcDateTimeField(null=True)
        due_has_time = BooleanField(default=False)
        finished_at = UtcDateTimeField(null=True)
        responsible = ForeignKeyField(Employee)
        controller = ForeignKeyField(Employee, null=True)
        author = ForeignKeyField(Employee)
        assigned_by = ForeignKeyField(Employee, null=True)
        is_new = BooleanField(default=False)
        template = ForeignKeyField(SalesTemplate, null=True, on_delete='SET NULL')
        template_step = ForeignKeyField(TemplateStep, null=True, on_delete='SET NULL')
        step_index = IntegerField(null=True)
        created_at = UtcDateTimeField()
        updated_at = UtcDateTimeField()
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'task'
            indexes = ((('responsible', 'status', 'due_at'), False), (('organization', 'status', 'due_at'), False), (('controller', 'status'), False), (('root', 'position'), False), (('parent', 'position'), False), (('contact',), False), (('level', 'created_at'), False))
    db.create_tables([Task])

    class TaskNotice(Model):
        recipient = ForeignKeyField(Employee)
        task = ForeignKeyField(Task, on_delete='CASCADE')
        kind = CharField(max_length=20)
        actor = ForeignKeyField(Employee, null=True)
        created_at = UtcDateTimeField()
        delivered_at = UtcDateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'task_notice'
            indexes = ((('recipient', 'delivered_at'), False),)
    db.create_tables([TaskNotice])

    class TaskParticipant(Model):
        task = ForeignKeyField(Task, on_delete='CASCADE')
        employee = ForeignKeyField(Employee)
        part = CharField(max_length=30, default='co_executor')
        class Meta:
            database = db
            table_name = 'task_participant'
            indexes = ((('task', 'employee'), True), (('employee',), False))
    db.create_tables([TaskParticipant])

    class TaskReminder(Model):
        task = ForeignKeyField(Task, on_delete='CASCADE')
        kind = CharField(max_length=20, default='before')
        minutes_before = IntegerField(default=0)
        audience = CharField(max_length=20, default='participants')
        class Meta:
            database = db
            table_name = 'task_reminder'
    db.create_tables([TaskReminder])

    _seed_task_types(TaskType, TaskResult)


def down(migrator, db):
    migrator.migrate(migrator.drop_table('task_reminder'))
    migrator.migrate(migrator.drop_table('task_participant'))
    migrator.migrate(migrator.drop_table('task_notice'))
    migrator.migrate(migrator.drop_table('task'))
    migrator.migrate(migrator.drop_table('template_step'))
    migrator.migrate(migrator.drop_table('task_result'))
    migrator.migrate(migrator.drop_table('task_type'))
    migrator.migrate(migrator.drop_table('sales_template'))



# Built-in task types: (code, default delay in days, ((result code, advances), ...)).
# Their names come from the translations (task_type.<code>, task_result.<type>.<code>).
BUILTIN_TYPES = (
    ("call", 2, (("decision_maker", True), ("meeting_agreed", True), ("callback", False),
                 ("no_answer", False), ("refused", False))),
    ("meeting", 7, (("held", True), ("no_result", False), ("postponed", False),
                    ("cancelled", False))),
    ("presentation", 7, (("interested", True), ("thinking", False), ("refused", False))),
    ("letter", 3, (("sent", True), ("answered", True), ("no_reply", False))),
    ("email", 2, (("sent", True), ("answered", True), ("no_reply", False))),
    ("proposal", 3, (("sent", True), ("accepted", True), ("revision", False),
                     ("rejected", False))),
    ("invoice", 5, (("issued", True), ("paid", True), ("partly_paid", False))),
    ("contract_signing", 7, (("signed", True), ("revision", False), ("refused", False))),
    ("payment", 5, (("paid", True), ("partly_paid", False), ("not_paid", False))),
)


def _seed_task_types(TaskType, TaskResult):
    for position, (code, delay, results) in enumerate(BUILTIN_TYPES):
        type_id = TaskType.insert(code=code, name="", is_builtin=True, default_delay_days=delay,
                                  position=position, is_active=True).execute()
        for result_position, (result_code, advances) in enumerate(results):
            TaskResult.insert(task_type=type_id, code=result_code, name="", advances=advances,
                              position=result_position, is_active=True).execute()
