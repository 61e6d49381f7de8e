from django.urls import path

from membership import views

urlpatterns = [
    path("", views.my_membership, name="my_membership"),
]
