"""Grammar and spelling engines beside our own rules: Harper (built in) and LanguageTool (optional)."""
