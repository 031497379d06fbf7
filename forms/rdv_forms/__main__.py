"""`python -m rdv_forms`: see `rdv_forms.cli`."""

from .cli import main

raise SystemExit(main())
