from django.urls import path

from msp.enquiries import views
from msp.outcomes import views as outcome_views

app_name = "enquiries"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/allocate/", views.allocate, name="allocate"),
    path("<int:pk>/conversations/new/", views.conversation_new, name="conversation_new"),
    path("<int:pk>/capacity/new/", views.capacity_new, name="capacity_new"),
    path("<int:pk>/representatives/new/", views.representation_new, name="representation_new"),
    path("<int:pk>/risks/new/", views.risk_new, name="risk_new"),
    path("<int:pk>/responses/new/", views.response_new, name="response_new"),
    path("<int:pk>/review/", views.closing_review, name="review"),
    path("<int:pk>/close/", views.close, name="close"),
    path(
        "<int:pk>/close/answers/<slug:field>/",
        views.statutory_answer,
        name="statutory_answer",
    ),
    path("<int:pk>/outcomes/<int:outcome_pk>/", outcome_views.detail, name="outcome"),
    path("<int:pk>/outcomes/<int:outcome_pk>/change/", outcome_views.revise, name="outcome_revise"),
    path(
        "<int:pk>/outcomes/<int:outcome_pk>/withdraw/",
        outcome_views.withdraw,
        name="outcome_withdraw",
    ),
    path(
        "<int:pk>/outcomes/<int:outcome_pk>/replace/",
        outcome_views.replace,
        name="outcome_replace",
    ),
    path(
        "<int:pk>/outcomes/<int:outcome_pk>/plan-b/",
        outcome_views.alternative,
        name="outcome_alternative",
    ),
    path(
        "<int:pk>/outcomes/<int:outcome_pk>/tension/", outcome_views.tension, name="outcome_tension"
    ),
]
