"""The compliance scorecard: Pemda ranked by regulation, planning, budget and coverage."""
