"""Qt item models over the core's queries (no SQL here: they call models/)."""
