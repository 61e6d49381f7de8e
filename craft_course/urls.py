"""A member's own course pages, mounted at /my/ before Wagtail's catch-all."""

from django.urls import path

from craft_course import views

urlpatterns = [
    path("course/progress/", views.progress_api, name="course_progress_api"),
    path("course/units/<int:unit_id>/complete/", views.mark_complete, name="course_mark_complete"),
    path("course/units/<int:unit_id>/journal/", views.save_journal, name="course_save_journal"),
    path("course/units/<int:unit_id>/worksheet/", views.worksheet, name="course_worksheet"),
    path("observations/", views.observations, name="course_observations"),
    path(
        "observations/my-observations.<str:fmt>",
        views.download_observations,
        name="course_observations_download",
    ),
    path("observations/delete/", views.delete_observations, name="course_observations_delete"),
]
