"""Demo content for every app, loaded by `manage.py load_demo` (`make run`).

`demo.site.load()` makes the home page, the demo admin and the about page, and
calls `load(context)` of each app's module here (`demo.releases`, …). Nothing
here is imported by production code; test builders may use it."""
