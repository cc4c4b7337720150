"""The data catalog (داده‌نما): the ministry's datasets, their variables, access
levels and files (seed 001 arts. 9 and 13). Metadata is public; the files of
licensed and enclave datasets are private and reach only granted researchers.

The models live in modules by subject: datasets, their variables and links,
their files, and the catalog page."""

import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from iran.periods import Period, PeriodError

# Defined here, before the modules below are imported: the migrations name them
# `catalog.models._period_validator` and `catalog.models._data_file_path`.


def _period_validator(value):
    try:
        Period.parse(value)
    except (PeriodError, ValueError) as exc:
        raise ValidationError(_("Write a Jalali period such as 1398, 1402-Q3 or 1403-07.")) from exc


def _data_file_path(instance, filename):
    return f"microdata/{instance.dataset.slug}/{uuid.uuid4().hex}/{filename}"


from .datasets import Dataset, DatasetQuerySet  # noqa: E402
from .files import DataFile  # noqa: E402
from .links import DatasetLink, Variable  # noqa: E402
from .pages import CatalogIndexPage  # noqa: E402

__all__ = ["CatalogIndexPage", "DataFile", "Dataset", "DatasetLink", "DatasetQuerySet", "Variable"]
