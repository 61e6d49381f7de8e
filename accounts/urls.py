"""A person's own account, mounted at /my/ before Wagtail's catch-all."""

from django.urls import path

from accounts import views

urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/tokens/", views.create_token, name="account_create_token"),
    path("account/tokens/revoke/", views.revoke_token, name="account_revoke_token"),
    path("account/export/", views.export, name="account_export"),
    path("account/delete/", views.delete, name="account_delete"),
]
