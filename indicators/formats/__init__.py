"""Open data formats of observation cubes: JSON-stat 2.0 and SDMX-CSV 2.0.

The API and the table builder both build a `Cube` from rows read through
`indicators.query` (so embargo and disclosure control apply) and hand it to a
writer here."""
