"""Who is asking: the club's researcher behind a request, if any."""


def researcher_of(request):
    """The researcher profile of the logged-in user; None for visitors and staff without one."""
    return getattr(request.user, "researcher", None) if request.user.is_authenticated else None
