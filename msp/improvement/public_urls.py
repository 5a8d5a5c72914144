"""The improvement programme's public pages: answering the follow-up questions with a code."""

from django.urls import path

from msp.improvement.feedback import public_views

app_name = "your_say"
urlpatterns = [
    path("", public_views.start, name="start"),
    path("questions/", public_views.questions, name="questions"),
    path("thank-you/", public_views.done, name="done"),
]
