from django.urls import path

from msp.enquiries import views
from msp.outcomes import views as outcome_views

app_name = "enquiries"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/allocate/", views.allocate, name="allocate"),
    path("<id:pk>/conversations/new/", views.conversation_new, name="conversation_new"),
    path("<id:pk>/capacity/new/", views.capacity_new, name="capacity_new"),
    path("<id:pk>/representatives/new/", views.representation_new, name="representation_new"),
    path("<id:pk>/risks/new/", views.risk_new, name="risk_new"),
    path("<id:pk>/responses/new/", views.response_new, name="response_new"),
    path("<id:pk>/review/", views.closing_review, name="review"),
    path("<id:pk>/close/", views.close, name="close"),
    path(
        "<id:pk>/close/answers/<slug:field>/",
        views.statutory_answer,
        name="statutory_answer",
    ),
    path("<id:pk>/outcomes/<id:outcome_pk>/", outcome_views.detail, name="outcome"),
    path("<id:pk>/outcomes/<id:outcome_pk>/change/", outcome_views.revise, name="outcome_revise"),
    path(
        "<id:pk>/outcomes/<id:outcome_pk>/withdraw/",
        outcome_views.withdraw,
        name="outcome_withdraw",
    ),
    path(
        "<id:pk>/outcomes/<id:outcome_pk>/replace/",
        outcome_views.replace,
        name="outcome_replace",
    ),
    path(
        "<id:pk>/outcomes/<id:outcome_pk>/plan-b/",
        outcome_views.alternative,
        name="outcome_alternative",
    ),
    path(
        "<id:pk>/outcomes/<id:outcome_pk>/tension/", outcome_views.tension, name="outcome_tension"
    ),
]
