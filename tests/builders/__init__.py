"""Small builders for tests and benchmarks, one module per app: just what a
test needs, without loading the whole demo. Production code never imports
them; they may use the demo's helpers (demo/) and core."""
