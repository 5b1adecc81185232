from django.urls import path  # noqa: F401  (routes are added per page)

from pantau.budgets import views as pages
from pantau.budgets.allocations import views as allocation_views
from pantau.budgets.compliance import views as compliance_views
from pantau.budgets.scorecard import views as scorecard_views

app_name = "budgets"

urlpatterns: list = []

# APBD allocations of a Pemda (allocation_views).
urlpatterns += [
    path("pemda/<str:code>/anggaran/baru/", allocation_views.NewAllocationView.as_view(),
         name="allocation-new"),
]  # fmt: skip

# Budget pages and their exports (pages).
urlpatterns += [
    path("anggaran/", pages.RegionBudgetView.as_view(), name="national"),
    path("wilayah/<str:code>/anggaran/", pages.RegionBudgetView.as_view(), name="region"),
    path("pemda/<str:code>/anggaran/", pages.PemdaBudgetView.as_view(), name="pemda"),
]

# The regulatory compliance record of a Pemda (compliance_views).
urlpatterns += [
    path("pemda/<str:code>/kepatuhan/", compliance_views.CompliancePageView.as_view(),
         name="compliance"),
    path("pemda/<str:code>/kepatuhan/regulasi/", compliance_views.RegulationAddView.as_view(),
         name="compliance-regulation-add"),
    path("pemda/<str:code>/kepatuhan/regulasi/<int:pk>/",
         compliance_views.RegulationEditView.as_view(), name="compliance-regulation-edit"),
    path("pemda/<str:code>/kepatuhan/regulasi/<int:pk>/hapus/",
         compliance_views.RegulationDeleteView.as_view(), name="compliance-regulation-delete"),
    path("pemda/<str:code>/kepatuhan/perencanaan/", compliance_views.PlanningView.as_view(),
         name="compliance-planning"),
    path("pemda/<str:code>/kepatuhan/bukti/", compliance_views.EvidenceUploadView.as_view(),
         name="compliance-evidence-upload"),
    path("pemda/<str:code>/kepatuhan/bukti/<int:pk>/unduh/",
         compliance_views.EvidenceDownloadView.as_view(), name="compliance-evidence-download"),
    path("pemda/<str:code>/kepatuhan/bukti/<int:pk>/hapus/",
         compliance_views.EvidenceDeleteView.as_view(), name="compliance-evidence-delete"),
]  # fmt: skip

# The compliance scorecard: provinces ranked nationally, a province's regencies and cities.

urlpatterns += [
    path("peringkat/", scorecard_views.ScorecardView.as_view(), name="scorecard"),
    path("wilayah/<str:code>/peringkat/", scorecard_views.ScorecardView.as_view(),
         name="scorecard-region"),
]  # fmt: skip
