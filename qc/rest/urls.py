from django.urls import path

from qc.rest import views

app_name = "qc"

urlpatterns = [
    path("qc-results/", views.QcResultListView.as_view(), name="result-list"),
    path(
        "qc-results/<str:qc_result_id>/",
        views.QcResultDetailView.as_view(),
        name="result-detail",
    ),
]
