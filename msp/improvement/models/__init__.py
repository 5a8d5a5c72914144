"""The improvement programme's records, one module per part: projects and the impact tool,
the staff briefing note, and information for people."""

from msp.improvement.models.briefing import BriefingRead, BriefingVersion
from msp.improvement.models.information import Leaflet, LeafletKind, LeafletSection, PersonalSummary
from msp.improvement.models.projects import (
    ImpactPlan,
    ImpactStatement,
    ImprovementProject,
    ProjectCase,
)

__all__ = [
    "BriefingRead",
    "BriefingVersion",
    "ImpactPlan",
    "ImpactStatement",
    "ImprovementProject",
    "Leaflet",
    "LeafletKind",
    "LeafletSection",
    "PersonalSummary",
    "ProjectCase",
]
