from django import template

from ..models import Commitment, Correction, EvidenceSuggestion

register = template.Library()


@register.simple_tag
def review_counts():
    """What waits for a curator, for the admin's home page."""
    return {
        "proposals": Commitment.objects.proposed().count(),
        "suggestions": EvidenceSuggestion.objects.filter(state=EvidenceSuggestion.State.PROPOSED).count(),
        "corrections": Correction.objects.awaiting().count(),
    }
