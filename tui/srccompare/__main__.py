"""Allow ``python -m srccompare``."""

from srccompare.cli import main

raise SystemExit(main())
