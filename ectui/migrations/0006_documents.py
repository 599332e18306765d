"""Sales documents: the price list, proposals with their lines and people, invoices with
lines, payments and shipments, the contract register, and the per-year number counters."""
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

    class Proposal(Model):
        number = IntegerField()
        year = IntegerField()
        date = DateField()
        valid_until = DateField(null=True)
        organization = ForeignKeyField(Organization, on_delete='CASCADE')
        contact = ForeignKeyField(Contact, null=True, on_delete='SET NULL')
        responsible = ForeignKeyField(Employee)
        subject = CharField(max_length=300, default='')
        notes = TextField(default='')
        vat_mode = CharField(max_length=10)
        status = CharField(max_length=20, default='draft')
        amount = DecimalField(max_digits=14, decimal_places=2, default=0)
        discount = DecimalField(max_digits=14, decimal_places=2, default=0)
        vat = DecimalField(max_digits=14, decimal_places=2, default=0)
        total = DecimalField(max_digits=14, decimal_places=2, default=0)
        created_at = UtcDateTimeField()
        updated_at = UtcDateTimeField()
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'proposal'
            indexes = ((('year', 'number'), True), (('organization', 'date'), False), (('responsible', 'date'), False))
    db.create_tables([Proposal])

    class Invoice(Model):
        number = IntegerField()
        year = IntegerField()
        date = DateField()
        pay_until = DateField()
        organization = ForeignKeyField(Organization, on_delete='CASCADE')
        contact = ForeignKeyField(Contact, null=True, on_delete='SET NULL')
        proposal = ForeignKeyField(Proposal, null=True, on_delete='SET NULL')
        responsible = ForeignKeyField(Employee)
        basis = CharField(max_length=300, default='')
        notes = TextField(default='')
        vat_mode = CharField(max_length=10)
        status = CharField(max_length=20, default='issued')
        amount = DecimalField(max_digits=14, decimal_places=2, default=0)
        discount = DecimalField(max_digits=14, decimal_places=2, default=0)
        vat = DecimalField(max_digits=14, decimal_places=2, default=0)
        total = DecimalField(max_digits=14, decimal_places=2, default=0)
        paid = DecimalField(max_digits=14, decimal_places=2, default=0)
        shipped = DecimalField(max_digits=14, decimal_places=2, default=0)
        payment_task = ForeignKeyField(Task, null=True, on_delete='SET NULL')
        created_at = UtcDateTimeField()
        updated_at = UtcDateTimeField()
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'invoice'
            indexes = ((('year', 'number'), True), (('organization', 'date'), False), (('responsible', 'date'), False), (('status', 'pay_until'), False))
    db.create_tables([Invoice])

    class Contract(Model):
        number = CharField(max_length=50)
        year = IntegerField()
        date = DateField()
        template = CharField(max_length=200)
        title = CharField(max_length=200)
        organization = ForeignKeyField(Organization, on_delete='CASCADE')
        invoice = ForeignKeyField(Invoice, null=True, on_delete='SET NULL')
        proposal = ForeignKeyField(Proposal, null=True, on_delete='SET NULL')
        client_contact = ForeignKeyField(Contact, null=True, on_delete='SET NULL')
        responsible = ForeignKeyField(Employee)
        subject = TextField(default='')
        amount = DecimalField(null=True, max_digits=14, decimal_places=2)
        signatories = TextField(default='{}')
        file_name = CharField(max_length=300)
        file_path = TextField(default='')
        pdf_path = TextField(default='')
        document = BlobField()
        author = ForeignKeyField(Employee)
        created_at = UtcDateTimeField()
        class Meta:
            database = db
            table_name = 'contract'
            indexes = ((('organization', 'date'), False), (('year', 'number'), False))
    db.create_tables([Contract])

    class DocumentCounter(Model):
        kind = CharField(max_length=20)
        year = IntegerField()
        last_number = IntegerField(default=0)
        class Meta:
            database = db
            table_name = 'document_counter'
            indexes = ((('kind', 'year'), True),)
    db.create_tables([DocumentCounter])

    class Product(Model):
        kind = CharField(max_length=20, default='goods')
        name = CharField(max_length=300)
        article = CharField(max_length=50, default='')
        unit = CharField(max_length=20, default='шт')
        price = DecimalField(max_digits=14, decimal_places=2)
        vat_rate = CharField(max_length=8, default='')
        description = TextField(default='')
        is_active = BooleanField(default=True)
        search_text = TextField(default='')
        sort_key = CharField(index=True, max_length=300, default='')
        created_at = UtcDateTimeField()
        updated_at = UtcDateTimeField()
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'product'
    db.create_tables([Product])

    class InvoiceLine(Model):
        position = IntegerField(default=0)
        product = ForeignKeyField(Product, null=True, on_delete='SET NULL')
        name = CharField(max_length=500)
        unit = CharField(max_length=20, default='шт')
        quantity = DecimalField(max_digits=14, decimal_places=3)
        price = DecimalField(max_digits=14, decimal_places=2)
        discount_percent = DecimalField(max_digits=5, decimal_places=2, default=0)
        vat_rate = CharField(max_length=8)
        amount = DecimalField(max_digits=14, decimal_places=2, default=0)
        discount = DecimalField(max_digits=14, decimal_places=2, default=0)
        vat = DecimalField(max_digits=14, decimal_places=2, default=0)
        total = DecimalField(max_digits=14, decimal_places=2, default=0)
        invoice = ForeignKeyField(Invoice, on_delete='CASCADE')
        class Meta:
            database = db
            table_name = 'invoice_line'
            indexes = ((('invoice', 'position'), False),)
    db.create_tables([InvoiceLine])

    class Payment(Model):
        invoice = ForeignKeyField(Invoice, on_delete='CASCADE')
        date = DateField()
        amount = DecimalField(max_digits=14, decimal_places=2)
        document = CharField(max_length=100, default='')
        note = TextField(default='')
        author = ForeignKeyField(Employee)
        created_at = UtcDateTimeField()
        class Meta:
            database = db
            table_name = 'payment'
    db.create_tables([Payment])

    class ProposalLine(Model):
        position = IntegerField(default=0)
        product = ForeignKeyField(Product, null=True, on_delete='SET NULL')
        name = CharField(max_length=500)
        unit = CharField(max_length=20, default='шт')
        quantity = DecimalField(max_digits=14, decimal_places=3)
        price = DecimalField(max_digits=14, decimal_places=2)
        discount_percent = DecimalField(max_digits=5, decimal_places=2, default=0)
        vat_rate = CharField(max_length=8)
        amount = DecimalField(max_digits=14, decimal_places=2, default=0)
        discount = DecimalField(max_digits=14, decimal_places=2, default=0)
        vat = DecimalField(max_digits=14, decimal_places=2, default=0)
        total = DecimalField(max_digits=14, decimal_places=2, default=0)
        proposal = ForeignKeyField(Proposal, on_delete='CASCADE')
        class Meta:
            database = db
            table_name = 'proposal_line'
            indexes = ((('proposal', 'position'), False),)
    db.create_tables([ProposalLine])

    class ProposalPerson(Model):
        proposal = ForeignKeyField(Proposal, on_delete='CASCADE')
        side = CharField(max_length=10)
        employee = ForeignKeyField(Employee, null=True, on_delete='CASCADE')
        contact = ForeignKeyField(Contact, null=True, on_delete='CASCADE')
        role = CharField(max_length=200, default='')
        class Meta:
            database = db
            table_name = 'proposal_person'
    db.create_tables([ProposalPerson])

    class Shipment(Model):
        invoice = ForeignKeyField(Invoice, on_delete='CASCADE')
        date = DateField()
        amount = DecimalField(max_digits=14, decimal_places=2)
        document = CharField(max_length=100, default='')
        note = TextField(default='')
        author = ForeignKeyField(Employee)
        created_at = UtcDateTimeField()
        class Meta:
            database = db
            table_name = 'shipment'
    db.create_tables([Shipment])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('shipment'))
    migrator.migrate(migrator.drop_table('proposal_person'))
    migrator.migrate(migrator.drop_table('proposal_line'))
    migrator.migrate(migrator.drop_table('payment'))
    migrator.migrate(migrator.drop_table('invoice_line'))
    migrator.migrate(migrator.drop_table('product'))
    migrator.migrate(migrator.drop_table('document_counter'))
    migrator.migrate(migrator.drop_table('contract'))
    migrator.migrate(migrator.drop_table('invoice'))
    migrator.migrate(migrator.drop_table('proposal'))

