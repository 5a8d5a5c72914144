from django.urls import path

from msp.audit import views
from msp.people import restriction_views

app_name = "audit"
urlpatterns = [
    path("", views.search, name="search"),
    path("people/<ref:reference>/", views.person_trail, name="person"),
    path("break-glass/", restriction_views.break_glass_log, name="break_glass"),
    path("staff-access/", views.staff_access, name="staff_access"),
]
