"""The import's report: every problem with its row, column, value, message and fix,
in the user's language. The first MAX_LISTED of each kind are listed; the rest counted."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _

MAX_LISTED = 500


@dataclass
class Problem:
    row: int | None
    column: str
    value: str
    message: str
    fix: str
    kind: str

    def as_dict(self):
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
            "fix": self.fix,
            "kind": self.kind,
        }


@dataclass
class Report:
    language: str = "fa"
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0
    rows_total: int = 0
    rows_created: int = 0
    rows_revised: int = 0
    rows_unchanged: int = 0
    rows_deleted: int = 0
    periods: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    preview: list[list[str]] = field(default_factory=list)
    written: bool = False
    timings: dict[str, float] = field(default_factory=dict)

    def restart(self):
        """Forget everything but the language and the timings (the file is read again)."""
        fresh = Report(language=self.language, timings=self.timings)
        self.__dict__.update(fresh.__dict__)

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def error(self, kind, row, column, value, message, fix):
        self.error_count += 1
        if len(self.errors) < MAX_LISTED:
            self.errors.append(Problem(_row(row), str(column), _cell(value), str(message), str(fix), kind))

    def warning(self, kind, row, column, value, message, fix=""):
        self.warning_count += 1
        if len(self.warnings) < MAX_LISTED:
            self.warnings.append(Problem(_row(row), str(column), _cell(value), str(message), str(fix), kind))

    def room(self, indices, warning: bool = False):
        """The first of `indices` still worth listing; the others are only counted."""
        listed = self.warnings if warning else self.errors
        room = max(0, MAX_LISTED - len(listed))
        extra = max(0, len(indices) - room)
        if warning:
            self.warning_count += extra
        else:
            self.error_count += extra
        return indices[:room]

    def as_text(self) -> str:
        """The report as plain text, for the command line."""
        lines = []
        for label, problems, total in (
            (_("Error"), self.errors, self.error_count),
            (_("Warning"), self.warnings, self.warning_count),
        ):
            for p in problems:
                where = _("row %(row)s") % {"row": p.row} if p.row else _("file")
                column = f" · {p.column}" if p.column else ""
                value = f" · «{p.value}»" if p.value != "" else ""
                lines.append(f"{label}: {where}{column}{value}: {p.message} — {p.fix}".rstrip(" —"))
            if total > len(problems):
                lines.append(_("… and %(n)s more of the same kind.") % {"n": total - len(problems)})
        lines.append(
            _(
                "%(total)s rows read: %(created)s new, %(revised)s revised, %(unchanged)s unchanged, "
                "%(deleted)s removed."
            )
            % {
                "total": self.rows_total,
                "created": self.rows_created,
                "revised": self.rows_revised,
                "unchanged": self.rows_unchanged,
                "deleted": self.rows_deleted,
            }
        )
        return "\n".join(lines)


def _row(row):
    return None if row is None else int(row)


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"
