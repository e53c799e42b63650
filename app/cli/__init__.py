"""The ``hourdesk`` command: one module per area, registered on one root group."""
