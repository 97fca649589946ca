"""Talking to HQ (hq-api.md): protocol, transport, engine. No Qt."""
