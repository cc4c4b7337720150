"""The data API, /api/v1/… (read-only JSON; schema at /api/v1/schema/).
Apps add their routes here; only released data ever leaves through it."""

urlpatterns = []
