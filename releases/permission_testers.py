"""A published or cancelled entry is part of the public record: nobody deletes
or unpublishes it (ONS: cancel instead of delete)."""

from wagtail.models import PagePermissionTester


class ReleasePagePermissionTester(PagePermissionTester):
    def can_delete(self, ignore_bulk=False):
        if self.page.specific_deferred.is_final:
            return False
        return super().can_delete(ignore_bulk)

    def can_unpublish(self):
        if self.page.specific_deferred.is_final:
            return False
        return super().can_unpublish()
