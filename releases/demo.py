"""This app's part of `manage.py load_demo`. Must be idempotent."""


def load(context):
    """`context` is a home.demo.DemoContext: the home pages, the admin user and a
    `log` function. Nothing yet for this app."""
