from django.conf import settings


def site(request):
    return {"SITE_TITLE": settings.SITE_TITLE, "ADMIN_URL": "/" + settings.ADMIN_URL}
