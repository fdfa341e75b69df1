"""Which project a public page is about. Each project's pages live under /p/<slug>/; the request
for one is resolved with a URL configuration that mounts the project's pages there, so every link
the page builds (reverse, {% url %}, get_absolute_url) stays inside the project. With one project
the site is served at the root as before; with several, `/` lists them and the first project's
old URLs redirect to its prefixed ones."""

import functools
import re
import time

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.urls import Resolver404, include, path, resolve

from .models import Commitment, Project, Source

PREFIX = re.compile(r"^/p/(?P<slug>[-a-zA-Z0-9_]+)(?P<rest>/.*)?$")
# The projects, kept by each process with the data version they were read under: a request served
# under another version reads them again (one small query per write, not per page), so a project
# saved by another process shows on the first page rendered after it. Without a request (or a
# version) they are kept for PROJECTS_TTL seconds.
PROJECTS_TTL = 10.0
_known: dict[str, tuple[float, str | None, list]] = {}
_urlconfs: dict[str, object] = {}


class ProjectURLConf:
    """The site's URLs with one project's pages mounted under p/<slug>/ (listed last, so reverse()
    gives the prefixed URL)."""

    def __init__(self, slug: str):
        from tracker import urls as site
        from . import urls as pages

        self.urlpatterns = [*site.urlpatterns, path(f"p/{slug}/", include(pages.project_patterns))]


class AnyProjectURLConf:
    """Every project's pages under p/<project>/, one URL configuration for all: which page a
    prefixed path asks for, learned before its project is looked up (the page cache's rules)."""

    def __init__(self):
        from . import urls as pages

        self.urlpatterns = [path("p/<slug:project>/", include(pages.project_patterns))]


@functools.cache
def any_project_urlconf() -> AnyProjectURLConf:
    return AnyProjectURLConf()


def urlconf_for(slug: str) -> ProjectURLConf:
    if slug not in _urlconfs:
        _urlconfs[slug] = ProjectURLConf(slug)
    return _urlconfs[slug]


def site_projects(request=None, fresh: bool = False) -> list:
    """The site's projects, as of the data version the request is served under."""
    from .caching import request_data_version

    version = request_data_version(request) if request is not None else None
    key = version.key() if version is not None else None
    now = time.monotonic()
    held = _known.get("projects")
    if held is not None and not fresh:
        read_at, read_under, projects = held
        if key is not None and key == read_under:
            return projects
        if key is None and now - read_at < PROJECTS_TTL:
            return projects
    projects = list(Project.objects.only("id", "name", "slug").order_by("id"))
    _known["projects"] = (now, key, projects)
    return projects


@receiver(post_save, sender=Project)
@receiver(post_delete, sender=Project)
def projects_changed(**kwargs):
    site_projects(fresh=True)


def forget_projects():
    _known.clear()


def is_project_page(path_info: str) -> bool:
    from . import urls as pages

    try:
        match = resolve(path_info)
    except Resolver404:
        return False
    return match.url_name in pages.PROJECT_PAGE_NAMES


# The root pages that name one promise or one source: their old address leads to its own project.
OWNED_BY_SLUG = {
    "commitment_detail": "commitment", "commitment_card": "commitment", "send_correction": "commitment",
    "commitment_feed": "commitment", "api_commitment": "commitment",
    "source_detail": "source", "source_changes": "source",
}


def owning_project(path_info: str, projects: list):
    """The project of the promise or source a root address names (`/commitments/<slug>/`), so an
    old link, or a link the admin builds, leads to that project's page; None for other pages."""
    try:
        match = resolve(path_info)
    except Resolver404:
        return None
    kind, slug = OWNED_BY_SLUG.get(match.url_name), match.kwargs.get("slug")
    if kind is None or not slug:
        return None
    rows = Commitment.objects.filter(slug=slug) if kind == "commitment" else Source.objects.filter(slug=slug)
    project_id = rows.values_list("source__project_id" if kind == "commitment" else "project_id", flat=True).first()
    return next((p for p in projects if p.id == project_id), None)


def scope(request):
    """The project a request's queries filter by: None on a site of one project (set by
    ProjectMiddleware)."""
    return getattr(request, "project_scope", None)


class ProjectMiddleware:
    """Sets request.project (the project the page is about), request.project_scope (the project
    its queries filter by: None on a site of one project) and request.several_projects."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = PREFIX.match(request.path_info)
        if found is None and not is_project_page(request.path_info):
            request.project, request.project_scope, request.several_projects = None, None, False
            return self.get_response(request)
        projects = site_projects(request)
        several = len(projects) > 1
        request.several_projects = several
        query = ("?" + request.META["QUERY_STRING"]) if request.META.get("QUERY_STRING") else ""
        if found is not None:
            project = next((p for p in projects if p.slug == found["slug"]), None)
            if project is None:
                request.project, request.project_scope = None, None
                return self.get_response(request)  # no such project: a 404
            rest = found["rest"] or "/"
            if not several:
                return HttpResponseRedirect(rest + query)  # one project: served at the root
            request.project, request.project_scope = project, project
            request.urlconf = urlconf_for(project.slug)
            return self.get_response(request)
        first = projects[0] if projects else None
        request.project, request.project_scope = first, None
        if several and request.path_info != "/":
            owner = owning_project(request.path_info, projects) or first
            response = HttpResponseRedirect(f"/p/{owner.slug}{request.path_info}{query}")
            if request.method not in ("GET", "HEAD"):
                response.status_code = 307  # a correction posted to an old address is sent on, not lost
            return response
        return self.get_response(request)
