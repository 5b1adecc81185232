"""The /api/v1/ routes of the people endpoints (see api/urls.py): person-level data (gap
lists, flagged claims) and imports, each scoped and audited as its page is."""

from __future__ import annotations

from django.urls import path

from pantau.api.views import people_claims, people_gaps, people_imports

routes: list = [
    path("gaps/<str:code>/", people_gaps.GapListView.as_view(), name="gaps"),
    path("claims/<str:code>/", people_claims.ClaimsSummaryView.as_view(), name="claims"),
    path("claims/<str:code>/flagged/", people_claims.FlaggedClaimsView.as_view(),
         name="claims-flagged"),
    path("imports/", people_imports.ImportCreateView.as_view(), name="imports"),
    path("imports/<uuid:pk>/", people_imports.ImportRunView.as_view(), name="import"),
    path("imports/<uuid:pk>/start/", people_imports.ImportStartView.as_view(),
         name="import-start"),
    path("imports/<uuid:pk>/report.csv", people_imports.ImportReportCSV.as_view(),
         name="import-report-csv"),
    path("imports/<uuid:pk>/report.xlsx", people_imports.ImportReportXLSX.as_view(),
         name="import-report-xlsx"),
]  # fmt: skip
