"""The command line: its parser (`cli.parser`), one module per group of commands, the
dispatch table (`cli.commands`) and the exit codes (`cli.exits`). `main.py` parses, opens
the desk and hands the command its `Desk`; a command module imports only what it uses, and
is itself imported only when its command runs."""
