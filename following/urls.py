from django.urls import path

from . import views

app_name = "following"
urlpatterns = [
    path("follow/", views.follow, name="follow"),
    path("follow/confirm/<str:token>/", views.confirm, name="confirm"),
    path("follow/leave/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
