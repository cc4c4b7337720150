"""Models of this app: see DESIGN.md for what it holds."""
