"""Policy as data: YAML rules that map risk to actions."""
