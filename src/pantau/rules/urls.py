from django.urls import path

from pantau.rules import views

app_name = "rules"

urlpatterns = [
    path("kalkulator/", views.calculator, name="calculator"),
]
