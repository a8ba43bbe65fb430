"""The one base type of the errors a user can act on: the command line reports each in one line
and exits 2. Anything else that escapes is a bug of ours, reported as an internal error."""

from __future__ import annotations


class UserError(Exception):
    """Bad input, a bad setting or an environment that cannot do the job; the message says which."""
