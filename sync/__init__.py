"""Talking to HQ (hq-api.md): protocol, transport, engine. No Qt, no SQL (models.sync_state
keeps what sync stores)."""
