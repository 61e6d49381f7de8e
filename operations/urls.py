from django.urls import path

from operations.health import health

urlpatterns = [path("health/", health, name="health")]
