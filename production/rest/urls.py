from django.urls import path

from production.rest import views

app_name = "production"

urlpatterns = [
    path("drafts/", views.DraftListView.as_view(), name="draft-list"),
    path(
        "drafts/<str:draft_id>/", views.DraftDetailView.as_view(), name="draft-detail"
    ),
    path(
        "drafts/<str:draft_id>/sections/<str:section_key>/",
        views.DraftSectionAmendView.as_view(),
        name="draft-section-amend",
    ),
]
