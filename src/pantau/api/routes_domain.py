"""The /api/v1/ routes of the domain endpoints (see api/urls.py): budgets and allocations,
the scorecard, monev meetings and actions, and the rules calculator (no login)."""

from __future__ import annotations

from django.urls import path

from pantau.api.views import domain_budgets as budgets
from pantau.api.views import domain_evidence as evidence
from pantau.api.views import domain_minutes as minutes
from pantau.api.views import domain_monev as monev
from pantau.api.views import domain_rules as rules
from pantau.api.views import domain_scorecard as scorecard

routes: list = [
    path("budgets/", budgets.BudgetStatusList.as_view(), name="budgets"),
    path("budgets/allocations/", budgets.AllocationList.as_view(), name="allocations"),
    path("budgets/allocations/<str:code>/<int:year>/<str:category>/",
         budgets.AllocationEntry.as_view(), name="allocation"),
    path("scorecard/", scorecard.ScorecardView.as_view(), name="scorecard"),
    path("meetings/", monev.MeetingList.as_view(), name="meetings"),
    path("meetings/<int:pk>/", minutes.MeetingView.as_view(), name="meeting"),
    path("meetings/<int:pk>/finalise/", minutes.MeetingFinaliseView.as_view(),
         name="meeting-finalise"),
    path("meetings/<int:pk>/attendees/", minutes.AttendeeView.as_view(),
         name="meeting-attendees"),
    path("meetings/<int:pk>/agenda/", minutes.AgendaView.as_view(), name="meeting-agenda"),
    path("meetings/<int:pk>/findings/", minutes.FindingView.as_view(),
         name="meeting-findings"),
    path("meetings/<int:pk>/actions/", minutes.NewActionView.as_view(),
         name="meeting-actions"),
    path("actions/", monev.ActionList.as_view(), name="actions"),
    path("actions/<int:pk>/", monev.ActionDetail.as_view(), name="action"),
    path("actions/<int:pk>/status/", monev.ActionStatusView.as_view(), name="action-status"),
    path("actions/<int:pk>/comments/", monev.ActionCommentView.as_view(),
         name="action-comments"),
    path("actions/<int:pk>/evidence/", evidence.ActionEvidenceView.as_view(),
         name="action-evidence"),
    path("actions/<int:pk>/evidence/<int:evidence>/", evidence.ActionEvidenceFileView.as_view(),
         name="action-evidence-file"),
    path("rules/contribution/", rules.ContributionView.as_view(), name="rules-contribution"),
    path("rules/budget/", rules.BudgetView.as_view(), name="rules-budget"),
    path("rules/benefit/jkm/", rules.JkmView.as_view(), name="rules-jkm"),
    path("rules/benefit/jkk-death/", rules.JkkDeathView.as_view(), name="rules-jkk-death"),
    path("rules/benefit/jkk-disability/", rules.JkkDisabilityView.as_view(),
         name="rules-jkk-disability"),
    path("rules/scholarship/", rules.ScholarshipView.as_view(), name="rules-scholarship"),
]  # fmt: skip
