"""Worlds and helpers shared by the researchers tests (split from test_researchers.py)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.builders.catalog import PASSWORD, PDF


def reg_data(**over):
    data = {
        "first_name": "سارا",
        "last_name": "احمدی",
        "national_id": "۰۰۱۳۵۴۲۴۱۹",  # Persian digits are accepted
        "email": "Sara@Example.org",
        "mobile": "+989121234567",
        "affiliation": "دانشگاه تهران",
        "affiliation_type": "university",
        "degree": "phd",
        "field": "اقتصاد",
        "orcid": "0000-0002-1825-0097",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "newsletter": "on",
    }
    data.update(over)
    return data


def form_data(ds, **over):
    data = {
        "title": "اشتغال رسمی",
        "purpose": "هدف",
        "outputs": "مقاله",
        "datasets": [ds.pk],
        "variables": [ds.variables.get(name="wage").pk],
        "period_from": "1399",
        "period_to": "1402-Q4",
        "accept_terms": "on",
        "team-TOTAL_FORMS": "1",
        "team-INITIAL_FORMS": "0",
        "team-MIN_NUM_FORMS": "0",
        "team-MAX_NUM_FORMS": "10",
        "team-0-name": "همکار",
        "team-0-national_id": "0499370899",
        "proposal": SimpleUploadedFile("proposal.pdf", PDF, content_type="application/pdf"),
        "submit": "1",
    }
    data.update(over)
    return data
