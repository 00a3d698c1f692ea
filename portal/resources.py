"""Import and export of the portal's reference tables (django-import-export).

Official PAPI scores arrive each year as the published annex; staff import it as CSV or XLSX
with the columns year, scope, province, level (total, dimension or sub_dimension), code (PAPI,
D1–D8, D1.1 …), name_vi, name_en, score, scale and source. A row is identified by
(year, scope, province, code), so importing a corrected annex updates rows in place.
"""

from import_export import fields, resources

from .caching import PAPI_NAMESPACE, bump_after_commit
from .models import Holiday, OfficialScore


class HolidayResource(resources.ModelResource):
    class Meta:
        model = Holiday
        fields = ["date", "name", "kind", "source"]
        import_id_fields = ["date"]
        skip_unchanged = True
        report_skipped = False


class OfficialScoreResource(resources.ModelResource):
    province = fields.Field(attribute="province", column_name="province")

    class Meta:
        model = OfficialScore
        fields = [
            "year",
            "scope",
            "province",
            "level",
            "code",
            "name_vi",
            "name_en",
            "score",
            "scale",
            "source",
        ]
        import_id_fields = ["year", "scope", "province", "code"]
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not self._is_dry_run(kwargs):
            bump_after_commit(PAPI_NAMESPACE)  # /chi-so-papi/ shows the new scores at once
