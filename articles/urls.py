from django.urls import path

from articles import feeds, views

urlpatterns = [
    path("articles/feed/", feeds.articles_feed, name="articles_feed"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("topics/<slug:slug>/feed/", feeds.topic_feed, name="topic_feed"),
    path("authors/<slug:slug>/", views.author_detail, name="author_detail"),
]
