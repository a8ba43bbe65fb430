"""copydesk: a copy editor's checker for English articles.

A regular package, not a namespace one, so that no other folder named `copydesk` on the path
can merge its modules into this one.
"""
