from django.urls import path

from strategy.rest import views

app_name = "strategy"

urlpatterns = [
    path("strategies/", views.StrategyListView.as_view(), name="strategy-list"),
    path(
        "strategies/<str:strategy_id>/",
        views.StrategyDetailView.as_view(),
        name="strategy-detail",
    ),
]
