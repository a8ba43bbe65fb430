"""`python -m copydesk`: the same command line as `copydesk`."""

import sys

from copydesk.cli import main

sys.exit(main())
