"""The keys of the sales documents, for the F1 help screen."""

SALES_KEYS = (
    ("help.sales", (("F10", "help.k.sales"), ("Ctrl+T", "help.k.sales_tab"),
                    ("Enter", "help.k.sales_open"), ("Ctrl+N, Insert", "help.k.sales_new"),
                    ("F4", "help.k.edit"), ("Delete", "help.k.delete"),
                    ("Ctrl+E", "help.k.our_company"),
                    ("Ctrl+G", "help.k.product_groups"), ("Ctrl+K", "help.k.card_proposal"))),
    ("help.document", (("Insert", "help.k.add_from_price_list"),
                       ("Ctrl+N", "help.k.new_line"), ("Enter", "help.k.edit_line"),
                       ("Ctrl+↑ Ctrl+↓", "help.k.move_line"), ("F4", "help.k.edit_header"),
                       ("Ctrl+B", "help.k.make_invoice"), ("Ctrl+D", "help.k.print_docx"),
                       ("Ctrl+F", "help.k.print_pdf"), ("Ctrl+Y", "help.k.contract"),
                       ("Ctrl+R", "help.k.status"), ("Ctrl+U", "help.k.add_person"),
                       ("Ctrl+O", "help.k.payment"), ("Ctrl+G", "help.k.shipment"),
                       ("Ctrl+X", "help.k.cancel_invoice"), ("Delete", "help.k.delete_row"))),
)
