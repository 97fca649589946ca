"""Sigap's domain: entities, validation, reference data, storage and the outbox (no Qt)."""
