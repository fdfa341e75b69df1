from django.urls import path
from django.views.decorators.http import require_safe

from . import api, feeds, views

# Site-wide: the same for every project.
site_patterns = [
    path("palette.css", views.palette_css, name="palette_css"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("feed/atom.xsl", views.feed_stylesheet, name="feed_stylesheet"),
]

# A project's pages: at the root on a site of one project, under /p/<slug>/ on a site of several
# (commitments/projects.py).
project_patterns = [
    path("", views.status_page, name="status_page"),
    path("charts/", views.charts_page, name="charts"),
    path("about/", views.about, name="about"),
    path("corrections/", views.corrections, name="corrections"),
    path("commitments/<slug:slug>/", views.commitment_detail, name="commitment_detail"),
    path("commitments/<slug:slug>/card.png", views.commitment_card, name="commitment_card"),
    path("commitments/<slug:slug>/correction/", views.send_correction, name="send_correction"),
    path("sources/<slug:slug>/", views.source_detail, name="source_detail"),
    path("sources/<slug:slug>/changes/", views.source_changes, name="source_changes"),
    path("changes/", views.changes_page, name="changes"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("badge.svg", views.badge, name="badge"),
    path("calendar.ics", views.calendar_ics, name="calendar"),
    path("feed/", require_safe(feeds.StatusChangesFeed()), name="feed"),
    path("feed/topic/<slug:slug>/", require_safe(feeds.TopicFeed()), name="topic_feed"),
    path("commitments/<slug:slug>/feed/", require_safe(feeds.CommitmentFeed()), name="commitment_feed"),
    path("api/commitments/", api.commitment_list, name="api_commitments"),
    path("api/commitments/<slug:slug>/", api.commitment_detail, name="api_commitment"),
]

PROJECT_PAGE_NAMES = {pattern.name for pattern in project_patterns}
urlpatterns = site_patterns + project_patterns
