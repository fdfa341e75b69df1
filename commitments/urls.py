from django.urls import path

from . import views

urlpatterns = [
    path("", views.status_page, name="status_page"),
    path("commitments/<slug:slug>/", views.commitment_detail, name="commitment_detail"),
    path("sources/<slug:slug>/", views.source_detail, name="source_detail"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
]
