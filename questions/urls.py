"""A member's own questions, mounted at /my/ before Wagtail's catch-all."""

from django.urls import path

from questions import views

urlpatterns = [
    path("questions/", views.my_questions, name="my_questions"),
    path("questions/new/", views.ask, name="ask_question"),
]
