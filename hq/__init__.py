"""The reference HQ server implementing shared/hq-api.md."""
