"""The calendar: the notification inbox and per-session deliveries, repeat rules of tasks,
employees' out-of-office periods, reminder defaults per task type."""
from peewee import *

from ectui.models.fields import UtcDateTimeField


def up(migrator, db):
    class Employee(Model):
        class Meta:
            database = db
            table_name = 'employee'

    class Task(Model):
        class Meta:
            database = db
            table_name = 'task'

    class Notification(Model):
        recipient = ForeignKeyField(Employee)
        task = ForeignKeyField(Task, null=True, on_delete='CASCADE')
        kind = CharField(max_length=20)
        key = CharField(max_length=120)
        about_at = UtcDateTimeField(null=True)
        actor = ForeignKeyField(Employee, null=True)
        created_at = UtcDateTimeField()
        show_at = UtcDateTimeField()
        read_at = UtcDateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'notification'
            indexes = ((('recipient', 'key'), True), (('recipient', 'read_at', 'show_at'), False))
    db.create_tables([Notification])

    class NotificationDelivery(Model):
        notification = ForeignKeyField(Notification, on_delete='CASCADE')
        session = CharField(max_length=60)
        shown_at = UtcDateTimeField()
        class Meta:
            database = db
            table_name = 'notification_delivery'
            indexes = ((('notification', 'session'), True),)
    db.create_tables([NotificationDelivery])

    class TaskRepeat(Model):
        task = ForeignKeyField(Task, unique=True, on_delete='CASCADE')
        rule = CharField(max_length=300)
        class Meta:
            database = db
            table_name = 'task_repeat'
    db.create_tables([TaskRepeat])

    class Absence(Model):
        employee = ForeignKeyField(Employee, on_delete='CASCADE')
        starts_at = UtcDateTimeField()
        ends_at = UtcDateTimeField()
        reason = CharField(max_length=200, default='')
        created_at = UtcDateTimeField()
        class Meta:
            database = db
            table_name = 'absence'
            indexes = ((('employee', 'starts_at'), False),)
    db.create_tables([Absence])

    class TaskType(Model):
        class Meta:
            database = db
            table_name = 'task_type'

    class ReminderDefault(Model):
        task_type = ForeignKeyField(TaskType, on_delete='CASCADE')
        audience = CharField(max_length=20)
        kind = CharField(max_length=20)
        minutes_before = IntegerField(default=0)
        enabled = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'reminder_default'
            indexes = ((('task_type', 'audience', 'kind'), True),)
    db.create_tables([ReminderDefault])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('reminder_default'))
    migrator.migrate(migrator.drop_table('absence'))
    migrator.migrate(migrator.drop_table('task_repeat'))
    migrator.migrate(migrator.drop_table('notification_delivery'))
    migrator.migrate(migrator.drop_table('notification'))
