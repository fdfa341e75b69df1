from django.conf import settings

from .projects import scope


def site(request):
    # The project of the page (projects.ProjectMiddleware): on a site of several projects its
    # name replaces the settings' in titles, Open Graph tags and the header.
    scoped = scope(request)
    return {
        "SITE_TITLE": settings.SITE_TITLE,
        "PROJECT_NAME": scoped.name if scoped is not None else settings.PROJECT_NAME,
        "PROJECT": scoped,
        "CORRECTIONS_CONTACT": settings.CORRECTIONS_CONTACT,
        "ADMIN_URL": "/" + settings.ADMIN_URL,
    }
