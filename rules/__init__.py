"""Rule packs are data; this marker makes them the package `copydesk.rulepacks`, found through importlib.resources."""
