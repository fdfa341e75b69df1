from django.conf import settings


def site(request):
    return {
        "SITE_TITLE": settings.SITE_TITLE,
        "PROJECT_NAME": settings.PROJECT_NAME,
        "CORRECTIONS_CONTACT": settings.CORRECTIONS_CONTACT,
        "ADMIN_URL": "/" + settings.ADMIN_URL,
    }
