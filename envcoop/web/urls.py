from django.urls import path, register_converter

from envcoop.web.record_forms.saving import FORM_KINDS
from envcoop.web.views import (
    activity,
    document_settings,
    documents,
    history,
    imports,
    names,
    originals,
    pages,
    record_forms,
    records,
    reports,
    review,
    search,
    upload_status,
)
from envcoop.web.views.lists import LIST_PAGES, unfiltered_export

LIST_PAGES_BY_NAME = {page.name: page for page in LIST_PAGES}

app_name = "web"


class CountryCodeConverter:
    """Two ASCII letters (any case): anything else is a 404, never a query."""

    regex = "[A-Za-z]{2}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


register_converter(CountryCodeConverter, "country")

urlpatterns = [
    path("", pages.home, name="home"),
    *[path(f"{page.name}/", page.view, name=page.name) for page in LIST_PAGES],
    *[path(f"{page.name}/export/", page.export, name=f"{page.name}_export") for page in LIST_PAGES],
    *[
        path(f"{page.name}/<slug:key>.json", page.record_json, name=f"{page.name[:-1]}_json")
        for page in LIST_PAGES
    ],
    path("events/<slug:key>.ics", LIST_PAGES_BY_NAME["events"].record_ics, name="event_ics"),
    # Adding and editing on the site: before the record pages, so that "new" is no key
    *[
        route
        for kind in FORM_KINDS
        for route in (
            path(f"{kind}/new/", record_forms.record_new, {"kind": kind}, name=f"{kind[:-1]}_new"),
            path(
                f"{kind}/<slug:key>/edit/",
                record_forms.record_edit,
                {"kind": kind},
                name=f"{kind[:-1]}_edit",
            ),
        )
    ],
    path("records/<slug:kind>/names/", record_forms.record_names, name="record_names"),
    path("frameworks/<slug:key>/", pages.framework_detail, name="framework"),
    path("frameworks/<slug:key>/matrix/", reports.matrix, name="framework_matrix"),
    path("projects/<slug:key>/", pages.project_detail, name="project"),
    path("funds/", pages.fund_index, name="funds"),
    path("funds/export/", unfiltered_export, {"name": "funds"}, name="funds_export"),
    path("priorities/export/", unfiltered_export, {"name": "priorities"}, name="priorities_export"),
    path("funds/<slug:key>/", pages.fund_detail, name="fund"),
    path("events/<slug:key>/", pages.event_detail, name="event"),
    path("agreements/<slug:key>/", pages.agreement_detail, name="agreement"),
    path("organisations/<slug:key>/", pages.organisation_detail, name="organisation"),
    path("<slug:kind>/<slug:key>/history/", history.record_history_page, name="record_history"),
    path("countries/", pages.country_index, name="countries"),
    path("countries/<country:code>/", pages.country_detail, name="country"),
    path("areas/", pages.area_index, name="areas"),
    path("areas/<slug:code>/", pages.area_detail, name="area"),
    path("priorities/", pages.priority_index, name="priorities"),
    path("documents/", documents.document_index, name="documents"),
    path("documents/upload/", documents.document_upload, name="document_upload"),
    path("documents/uploads/<uuid:upload>/", upload_status.upload_status, name="upload_status"),
    path(
        "documents/uploads/<uuid:upload>.json",
        upload_status.upload_status_json,
        name="upload_status_json",
    ),
    path("documents/<int:pk>/", documents.document_detail, name="document"),
    path("documents/<int:pk>/original", originals.document_original, name="document_original"),
    path(
        "documents/<int:pk>/visibility/",
        document_settings.change_visibility,
        name="document_visibility",
    ),
    path(
        "documents/<int:pk>/provenance/",
        document_settings.change_provenance,
        name="document_provenance",
    ),
    path("search/", search.search_page, name="search"),
    path("reports/annual/", reports.annual, name="annual_report"),
    path("reports/annual/names/", names.annual_names, name="annual_report_names"),
    path("import/", imports.import_page, name="import"),
    path(
        "import/template/<slug:kind>.<slug:format>", imports.import_template, name="import_template"
    ),
    path("review/", review.queue, name="review"),
    path("review/accept/", review.bulk_accept, name="review_bulk_accept"),
    path("review/claims/<int:pk>/", review.claim_detail, name="review_claim"),
    path("review/claims/<int:pk>/accept/", review.accept, name="review_accept"),
    path("review/claims/<int:pk>/reject/", review.reject, name="review_reject"),
    path("review/records/<str:kind>/names/", review.record_names, name="review_record_names"),
    path("records/<str:kind>/<slug:key>/rename/", records.rename, name="record_rename"),
    path("records/<str:kind>/<slug:key>/merge/", records.merge, name="record_merge"),
    path("records/merges/<int:pk>/undo/", records.merge_undo_view, name="record_merge_undo"),
    path("review/duplicates/", records.duplicates, name="review_duplicates"),
    path("review/duplicates/<str:kind>/not-same/", records.not_same, name="review_not_same"),
    path("review/claims/<int:pk>/undo/", review.undo, name="review_undo"),
    path("review/conflicts/", review.conflicts, name="review_conflicts"),
    path("review/conflicts/pick/", review.conflict_pick, name="review_conflict_pick"),
    path("activity/", activity.activity_list, name="activity"),
]
