from django import forms


class PrivateFileInput(forms.ClearableFileInput):
    """A file input for private files: it names the current file but never links
    to it (private storage has no URL)."""

    template_name = "catalog/widgets/private_file_input.html"

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))
