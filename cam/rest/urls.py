from django.urls import path

from aicmo_site.kernel.rest import one_path
from cam.rest import views

app_name = "cam"

urlpatterns = [
    path(
        "campaigns/",
        one_path(views.CampaignListView, views.CampaignCreateView),
        name="campaign-list",
    ),
    path(
        "campaigns/<str:campaign_id>/",
        views.CampaignDetailView.as_view(),
        name="campaign-detail",
    ),
    path(
        "leads/", one_path(views.LeadListView, views.LeadIngestView), name="lead-list"
    ),
    path("leads/<str:lead_id>/", views.LeadDetailView.as_view(), name="lead-detail"),
    path(
        "leads/<str:lead_id>/transition/",
        views.LeadTransitionView.as_view(),
        name="lead-transition",
    ),
    path(
        "leads/<str:lead_id>/close/", views.LeadCloseView.as_view(), name="lead-close"
    ),
    path(
        "leads/<str:lead_id>/qualify/",
        views.LeadQualifyView.as_view(),
        name="lead-qualify",
    ),
    path(
        "leads/<str:lead_id>/plan-outreach/",
        views.LeadPlanOutreachView.as_view(),
        name="lead-plan-outreach",
    ),
    path(
        "suppressions/",
        one_path(views.SuppressionListView, views.SuppressionAddView),
        name="suppression-list",
    ),
]
