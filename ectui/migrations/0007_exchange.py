"""Mailing and data exchange: letter templates, saved recipient filters, campaigns with their
invited clients and leads, mailings with their outbox (one row per recipient, so nothing is
sent twice), and mail messages kept in the clients' history with their attachments."""
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

    class Task(Model):
        class Meta:
            database = db
            table_name = 'task'

    class Campaign(Model):
        name = CharField(unique=True, max_length=200)
        kind = CharField(max_length=20, default='event')
        channel = CharField(index=True, max_length=200, default='')
        cost = DecimalField(max_digits=15, decimal_places=2, default=0)
        starts_on = DateField(null=True)
        ends_on = DateField(null=True)
        description = TextField(default='')
        responsible = ForeignKeyField(Employee, null=True, on_delete='SET NULL')
        created_at = UtcDateTimeField()
        class Meta:
            database = db
            table_name = 'campaign'
    db.create_tables([Campaign])

    class CampaignLead(Model):
        campaign = ForeignKeyField(Campaign, on_delete='CASCADE')
        organization = ForeignKeyField(Organization, null=True, on_delete='CASCADE')
        contact = ForeignKeyField(Contact, null=True, on_delete='CASCADE')
        kind = CharField(max_length=20, default='new_client')
        amount = DecimalField(max_digits=15, decimal_places=2, default=0)
        note = TextField(default='')
        at = UtcDateTimeField()
        class Meta:
            database = db
            table_name = 'campaign_lead'
    db.create_tables([CampaignLead])

    class CampaignMember(Model):
        campaign = ForeignKeyField(Campaign, on_delete='CASCADE')
        organization = ForeignKeyField(Organization, null=True, on_delete='CASCADE')
        contact = ForeignKeyField(Contact, null=True, on_delete='CASCADE')
        member_key = CharField(max_length=40)
        invited_at = UtcDateTimeField()
        response = CharField(max_length=20, default='')
        responded_at = UtcDateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'campaign_member'
            indexes = ((('campaign', 'member_key'), True),)
    db.create_tables([CampaignMember])

    class MailMessage(Model):
        message_id = CharField(unique=True, max_length=255)
        direction = CharField(max_length=10, default='in')
        from_addr = TextField(default='')
        to_addrs = TextField(default='')
        subject = TextField(default='')
        body = TextField(default='')
        sent_at = UtcDateTimeField(null=True)
        imported_at = UtcDateTimeField()
        source = CharField(max_length=300, default='')
        status = CharField(max_length=20, default='assigned')
        class Meta:
            database = db
            table_name = 'mail_message'
            indexes = ((('status', 'sent_at'), False),)
    db.create_tables([MailMessage])

    class MailAttachment(Model):
        message = ForeignKeyField(MailMessage, on_delete='CASCADE')
        filename = CharField(max_length=300, default='')
        content_type = CharField(max_length=200, default='application/octet-stream')
        size = IntegerField(default=0)
        data = BlobField()
        class Meta:
            database = db
            table_name = 'mail_attachment'
    db.create_tables([MailAttachment])

    class MailTemplate(Model):
        name = CharField(unique=True, max_length=200)
        kind = CharField(max_length=20, default='email')
        subject = TextField(default='')
        body = TextField(default='')
        docx = BlobField(null=True)
        docx_name = CharField(max_length=255, default='')
        is_active = BooleanField(default=True)
        created_at = UtcDateTimeField()
        updated_at = UtcDateTimeField()
        class Meta:
            database = db
            table_name = 'mail_template'
    db.create_tables([MailTemplate])

    class Mailing(Model):
        title = CharField(max_length=300)
        channel = CharField(max_length=20, default='email')
        template = ForeignKeyField(MailTemplate, null=True, on_delete='SET NULL')
        campaign = ForeignKeyField(Campaign, null=True, on_delete='SET NULL')
        author = ForeignKeyField(Employee)
        created_at = UtcDateTimeField()
        class Meta:
            database = db
            table_name = 'mailing'
    db.create_tables([Mailing])

    class MailMessageTask(Model):
        message = ForeignKeyField(MailMessage, on_delete='CASCADE')
        task = ForeignKeyField(Task, on_delete='CASCADE')
        organization = ForeignKeyField(Organization, null=True, on_delete='CASCADE')
        contact = ForeignKeyField(Contact, null=True, on_delete='SET NULL')
        class Meta:
            database = db
            table_name = 'mail_message_task'
            indexes = ((('message', 'task'), True), (('task',), False))
    db.create_tables([MailMessageTask])

    class OutboxMessage(Model):
        mailing = ForeignKeyField(Mailing, on_delete='CASCADE')
        recipient_key = CharField(max_length=40)
        organization = ForeignKeyField(Organization, null=True, on_delete='SET NULL')
        contact = ForeignKeyField(Contact, null=True, on_delete='SET NULL')
        name = CharField(max_length=300, default='')
        email = CharField(max_length=254, default='')
        subject = TextField(default='')
        body = TextField(default='')
        fields = TextField(default='{}')
        message_id = CharField(unique=True, max_length=255)
        position = IntegerField(default=0)
        status = CharField(max_length=20, default='pending')
        error = TextField(default='')
        attempts = IntegerField(default=0)
        claimed_at = UtcDateTimeField(null=True)
        sent_at = UtcDateTimeField(null=True)
        task = ForeignKeyField(Task, null=True, on_delete='SET NULL')
        class Meta:
            database = db
            table_name = 'outbox_message'
            indexes = ((('mailing', 'recipient_key'), True), (('mailing', 'status'), False))
    db.create_tables([OutboxMessage])

    class SavedFilter(Model):
        name = CharField(max_length=200)
        kind = CharField(max_length=20)
        criteria = TextField(default='{}')
        owner = ForeignKeyField(Employee, null=True, on_delete='CASCADE')
        created_at = UtcDateTimeField()
        class Meta:
            database = db
            table_name = 'saved_filter'
            indexes = ((('kind', 'name'), True),)
    db.create_tables([SavedFilter])

    _seed_templates(MailTemplate)


# Two letters every sales department sends, ready to use and to edit. Fields: see
# ectui/exchange/letters.py (FIELDS).
SEED_TEMPLATES = (
    ("Поздравление с днём рождения", "С днём рождения, {{ имя_отчество }}!",
     "{{ обращение }}!\n\n"
     "От всей души поздравляем вас с днём рождения! Желаем здоровья, успехов и удачи "
     "во всех делах.\n\n"
     "С уважением,\n{{ отправитель }}\n{{ должность_отправителя }}\n{{ наша_компания }}\n"),
    ("Приглашение на мероприятие", "Приглашение для {{ организация or фио }}",
     "{{ обращение }}!\n\n"
     "Приглашаем вас на наше мероприятие. Будем рады видеть вас и ваших коллег.\n\n"
     "С уважением,\n{{ отправитель }}\n{{ телефон_отправителя }}\n"),
)


def _seed_templates(MailTemplate):
    import datetime

    now = datetime.datetime.now(datetime.UTC)
    for name, subject, body in SEED_TEMPLATES:
        MailTemplate.insert(name=name, kind="email", subject=subject, body=body,
                            is_active=True, docx_name="", created_at=now,
                            updated_at=now).execute()


def down(migrator, db):
    migrator.migrate(migrator.drop_table('saved_filter'))
    migrator.migrate(migrator.drop_table('outbox_message'))
    migrator.migrate(migrator.drop_table('mail_message_task'))
    migrator.migrate(migrator.drop_table('mailing'))
    migrator.migrate(migrator.drop_table('mail_template'))
    migrator.migrate(migrator.drop_table('mail_attachment'))
    migrator.migrate(migrator.drop_table('mail_message'))
    migrator.migrate(migrator.drop_table('campaign_member'))
    migrator.migrate(migrator.drop_table('campaign_lead'))
    migrator.migrate(migrator.drop_table('campaign'))
