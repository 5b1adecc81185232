from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "pantau.budgets"
    verbose_name = "Anggaran dan kepatuhan"
