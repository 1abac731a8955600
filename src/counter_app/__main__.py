"""Allow `python -m counter_app`."""

from counter_app.cli import main

raise SystemExit(main())
