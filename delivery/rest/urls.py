from django.urls import path

from delivery.rest import views

app_name = "delivery"

urlpatterns = [
    path("packages/", views.PackageListView.as_view(), name="package-list"),
    path(
        "packages/<str:package_id>/",
        views.PackageDetailView.as_view(),
        name="package-detail",
    ),
    path(
        "packages/<str:package_id>/artifacts/<str:name>/",
        views.ArtifactDownloadView.as_view(),
        name="artifact-download",
    ),
]
