"""Use cases: the only layer that combines models, reports and sync with approvals and files.

The window (``ui/``) and the command line (``cli/``) call these; neither opens a transaction
or writes an audit row itself. Nothing here imports Qt.
"""
