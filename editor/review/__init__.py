"""The review app: a Textual front end over the same document, finding and edit model as the CLI."""
