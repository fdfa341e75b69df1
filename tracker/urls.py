from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = f"{settings.SITE_TITLE} admin"
admin.site.site_title = settings.SITE_TITLE

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("following.urls")),
    path("", include("commitments.urls")),
]
