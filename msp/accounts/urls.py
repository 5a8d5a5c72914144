from django.urls import path

from msp.accounts import staff_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("two-factor/set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/", views.two_factor_verify, name="two_factor_verify"),
    path("staff/", staff_views.staff, name="staff"),
    path("staff/<id:pk>/", staff_views.staff_member, name="staff_member"),
]
