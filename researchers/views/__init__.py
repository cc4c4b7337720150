"""The club's public views (researchers/urls.py wires them), by what they do:
registration and email verification, log in and password reset, the member's
profile, applications and their proposals, and file downloads."""
