from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "pantau.dashboard"
    verbose_name = "Dasbor"
