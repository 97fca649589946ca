"""PDF renderers: data in, bytes out. No Qt, no database."""
