from wagtail import hooks

from .admin_viewsets import AlertsGroup


@hooks.register("register_admin_viewset")
def register_alerts_viewsets():
    return AlertsGroup()
