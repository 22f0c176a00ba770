from django.urls import path

from aicmo_site.kernel.rest import one_path
from orchestration.rest import views

app_name = "orchestration"

urlpatterns = [
    path(
        "briefs/",
        one_path(views.BriefListView, views.BriefSubmitView),
        name="brief-list",
    ),
    path(
        "briefs/<str:brief_id>/", views.BriefDetailView.as_view(), name="brief-detail"
    ),
    path("runs/", one_path(views.RunListView, views.RunStartView), name="run-list"),
    path("runs/<str:run_id>/", views.RunDetailView.as_view(), name="run-detail"),
    path("runs/<str:run_id>/retry/", views.RunRetryView.as_view(), name="run-retry"),
    path("runs/<str:run_id>/cancel/", views.RunCancelView.as_view(), name="run-cancel"),
    path(
        "drafts/<str:draft_id>/redeliver/",
        views.DraftRedeliverView.as_view(),
        name="draft-redeliver",
    ),
]
