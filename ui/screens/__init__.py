"""One module per screen; the main window switches between them."""
