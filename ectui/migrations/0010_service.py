"""After the sale: the installed base, the request handling process (seeded with the usual
steps), client requests and their history; the «Обращение клиента» task type."""
from peewee import *

from ectui.models.fields import UtcDateTimeField


def up(migrator, db):
    class Employee(Model):
        class Meta:
            database = db
            table_name = 'employee'

    class Organization(Model):
        class Meta:
            database = db
            table_name = 'organization'

    class Contact(Model):
        class Meta:
            database = db
            table_name = 'contact'

    class Product(Model):
        class Meta:
            database = db
            table_name = 'product'

    class Shipment(Model):
        class Meta:
            database = db
            table_name = 'shipment'

    class Task(Model):
        class Meta:
            database = db
            table_name = 'task'

    class MailMessage(Model):
        class Meta:
            database = db
            table_name = 'mail_message'

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

    class InstalledItem(Model):
        organization = ForeignKeyField(Organization, on_delete='CASCADE')
        product = ForeignKeyField(Product, null=True, on_delete='SET NULL')
        name = CharField(max_length=300)
        serial_number = CharField(max_length=100, default='', index=True)
        quantity = IntegerField(default=1)
        sold_on = DateField(null=True)
        installed_on = DateField(null=True)
        warranty_months = IntegerField(null=True)
        warranty_until = DateField(null=True)
        service_contract = CharField(max_length=200, default='')
        service_until = DateField(null=True)
        shipment = ForeignKeyField(Shipment, null=True, on_delete='SET NULL')
        notes = TextField(default='')
        created_at = UtcDateTimeField()
        updated_at = UtcDateTimeField()
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'installed_item'
            indexes = ((('organization', 'sold_on'), False),)
    db.create_tables([InstalledItem])

    class RequestStep(Model):
        code = CharField(unique=True, max_length=50)
        name = CharField(max_length=200, default='')
        position = IntegerField(default=0)
        hours_high = FloatField(default=1)
        hours_normal = FloatField(default=4)
        hours_low = FloatField(default=8)
        marks_solved = BooleanField(default=False)
        is_active = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'request_step'
    db.create_tables([RequestStep])

    class ClientRequest(Model):
        number = IntegerField(unique=True)
        organization = ForeignKeyField(Organization, on_delete='CASCADE')
        contact = ForeignKeyField(Contact, null=True, on_delete='SET NULL')
        item = ForeignKeyField(InstalledItem, null=True, on_delete='SET NULL')
        product_text = CharField(max_length=300, default='')
        channel = CharField(max_length=20, default='phone')
        subject = CharField(max_length=300)
        description = TextField(default='')
        priority = IntegerField(default=2)
        category = CharField(max_length=100, default='', index=True)
        step = ForeignKeyField(RequestStep, on_delete='RESTRICT')
        is_closed = BooleanField(default=False)
        registered_at = UtcDateTimeField()
        step_started_at = UtcDateTimeField()
        step_due_at = UtcDateTimeField(null=True)
        solve_due_at = UtcDateTimeField()
        solved_at = UtcDateTimeField(null=True)
        closed_at = UtcDateTimeField(null=True)
        responsible = ForeignKeyField(Employee)
        controller = ForeignKeyField(Employee, null=True)
        author = ForeignKeyField(Employee)
        task = ForeignKeyField(Task, null=True, on_delete='SET NULL')
        mail = ForeignKeyField(MailMessage, null=True, on_delete='SET NULL')
        created_at = UtcDateTimeField()
        updated_at = UtcDateTimeField()
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'client_request'
            indexes = ((('is_closed', 'step_due_at'), False), (('responsible', 'is_closed'), False), (('organization', 'registered_at'), False), (('item',), False))
    db.create_tables([ClientRequest])

    class RequestEvent(Model):
        request = ForeignKeyField(ClientRequest, on_delete='CASCADE')
        action = CharField(max_length=20)
        from_step = ForeignKeyField(RequestStep, null=True, on_delete='SET NULL')
        to_step = ForeignKeyField(RequestStep, null=True, on_delete='SET NULL')
        employee = ForeignKeyField(Employee)
        at = UtcDateTimeField()
        comment = TextField(default='')
        was_late = BooleanField(default=False)
        class Meta:
            database = db
            table_name = 'request_event'
            indexes = ((('request', 'at'), False),)
    db.create_tables([RequestEvent])

    _seed(RequestStep, TaskType)


def down(migrator, db):
    migrator.migrate(migrator.drop_table('request_event'))
    migrator.migrate(migrator.drop_table('client_request'))
    migrator.migrate(migrator.drop_table('request_step'))
    migrator.migrate(migrator.drop_table('installed_item'))


# The usual handling process: (code, hours for high / normal / low priority, marks solved).
# Names come from the translations (request_step.<code>); the admin edits hours and adds steps.
BUILTIN_STEPS = (
    ("registered", 1, 2, 4, False),     # to diagnose: accept and look at it
    ("diagnosed", 2, 8, 16, False),     # to start the work
    ("in_work", 8, 24, 40, False),      # to solve
    ("solved", 16, 24, 40, True),       # for the client to confirm
    ("confirmed", 0, 0, 0, False),      # closed
)


def _seed(RequestStep, TaskType):
    for position, (code, high, normal, low, solved) in enumerate(BUILTIN_STEPS):
        RequestStep.insert(code=code, name='', position=position, hours_high=high,
                           hours_normal=normal, hours_low=low, marks_solved=solved,
                           is_active=True).execute()
    if not TaskType.select().where(TaskType.code == 'service_request').exists():
        last = TaskType.select(fn.MAX(TaskType.position)).scalar() or 0
        TaskType.insert(code='service_request', name='', is_builtin=True, default_delay_days=1,
                        position=last + 1, is_active=True).execute()
