"""``python -m service.cli``: the ``replydraft`` command without its console script."""

from service.cli.main import main

main()
