"""Directions of the business («направления»): a named list the administrator edits, and the
group of each product of the price list, for sales by direction."""
from peewee import *


def up(migrator, db):
    class ProductGroup(Model):
        name = CharField(max_length=100, unique=True)
        position = IntegerField(default=0)
        class Meta:
            database = db
            table_name = 'product_group'
    db.create_tables([ProductGroup])

    migrator.migrate(migrator.add_column('product', 'group_id', ForeignKeyField(
        ProductGroup, field=ProductGroup.id, null=True, on_delete='SET NULL')))


def down(migrator, db):
    migrator.migrate(migrator.drop_index('product', 'product_group_id'))
    migrator.migrate(migrator.drop_column('product', 'group_id'))
    migrator.migrate(migrator.drop_table('product_group'))
