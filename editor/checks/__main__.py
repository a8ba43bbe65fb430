"""`python -m copydesk.checks`: the settings table of every check type, for rules/README.md."""

import sys

from copydesk.checks import settings_table

sys.stdout.write(settings_table())
