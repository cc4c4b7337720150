"""The data catalog (داده‌نما): the ministry's datasets, their variables, access
levels and files (seed 001 arts. 9 and 13). Metadata is public; the files of
licensed and enclave datasets are private and reach only granted researchers.

The models live in modules by subject: datasets, their variables and links,
their files, and the catalog page."""

# Migration 0001 names the period validator and the upload path
# `catalog.models._period_validator` and `catalog.models._data_file_path`; they live
# in catalog/validators.py and files.py and keep these names here for it.
from ..validators import validate_period as _period_validator  # noqa: F401
from .datasets import Dataset, DatasetQuerySet
from .files import DataFile
from .files import data_file_path as _data_file_path  # noqa: F401
from .links import DatasetLink, Variable
from .pages import CatalogIndexPage

__all__ = ["CatalogIndexPage", "DataFile", "Dataset", "DatasetLink", "DatasetQuerySet", "Variable"]
