"""The improvement programme's records, one module per part: projects and the impact tool,
the staff briefing note, information for people, case file audits, the person's own feedback,
and supervision with MSP champions."""

from msp.improvement.models.audits import (
    AuditAnswer,
    AuditQuestion,
    AuditQuestionSet,
    AuditSample,
    AuditSampleCase,
    CaseAudit,
)
from msp.improvement.models.briefing import BriefingRead, BriefingVersion
from msp.improvement.models.feedback import (
    FeedbackAnswer,
    FeedbackCode,
    FeedbackCodeAttempt,
    FeedbackResponse,
)
from msp.improvement.models.information import Leaflet, LeafletKind, LeafletSection, PersonalSummary
from msp.improvement.models.projects import (
    ImpactPlan,
    ImpactStatement,
    ImprovementProject,
    ProjectCase,
)
from msp.improvement.models.supervision import Champion, NamedSupervisor, SupervisionNote

__all__ = [
    "AuditAnswer",
    "AuditQuestion",
    "AuditQuestionSet",
    "AuditSample",
    "AuditSampleCase",
    "BriefingRead",
    "BriefingVersion",
    "CaseAudit",
    "Champion",
    "FeedbackAnswer",
    "FeedbackCode",
    "FeedbackCodeAttempt",
    "FeedbackResponse",
    "ImpactPlan",
    "ImpactStatement",
    "ImprovementProject",
    "Leaflet",
    "LeafletKind",
    "LeafletSection",
    "NamedSupervisor",
    "PersonalSummary",
    "ProjectCase",
    "SupervisionNote",
]
