"""The reference HQ server implementing docs/hq-api.md."""
