from django.urls import path

from msp.improvement.audits import views as audits
from msp.improvement.briefing import views as briefing
from msp.improvement.feedback import views as feedback
from msp.improvement.information import views as information
from msp.improvement.projects import views as projects
from msp.improvement.supervision import views as supervision
from msp.improvement.triangulation import views as triangulation

app_name = "improvement"
urlpatterns = [
    path("", projects.index, name="index"),
    path("projects/new/", projects.project_new, name="project_new"),
    path("projects/<id:pk>/", projects.project_detail, name="project"),
    path("projects/<id:pk>/details/", projects.project_edit, name="project_edit"),
    path("projects/<id:pk>/plan/", projects.plan_edit, name="plan_edit"),
    path("projects/<id:pk>/statement/", projects.statement_edit, name="statement_edit"),
    path(
        "projects/<id:pk>/statement/sign-off/",
        projects.statement_sign_off,
        name="statement_sign_off",
    ),
    path("projects/<id:pk>/impact/", projects.side_by_side, name="side_by_side"),
    path("projects/<id:pk>/history/", projects.history, name="history"),
    path("projects/<id:pk>/report.pdf", projects.report, name="report"),
    path("projects/<id:pk>/cases/", projects.cases, name="cases"),
    path("projects/<id:pk>/cases/add/", projects.case_add, name="case_add"),
    path("projects/<id:pk>/cases/decisions/", projects.case_decisions, name="case_decisions"),
    path(
        "projects/<id:pk>/cases/<id:enquiry_pk>/leave-out/",
        projects.case_leave_out,
        name="case_leave_out",
    ),
    path("briefing/", briefing.briefing, name="briefing"),
    path("briefing/versions/", briefing.versions, name="briefing_versions"),
    path("briefing/versions/<id:number>/", briefing.version, name="briefing_version"),
    path("briefing/versions/<id:number>/read/", briefing.confirm, name="briefing_confirm"),
    path("briefing/versions/<id:number>/briefing.pdf", briefing.pdf, name="briefing_pdf"),
    path("briefing/draft/", briefing.edit, name="briefing_edit"),
    path("briefing/draft/publish/", briefing.publish, name="briefing_publish"),
    path("briefing/readers/", briefing.readers, name="briefing_readers"),
    path("information/", information.leaflets, name="leaflets"),
    path("information/<slug:kind>/", information.leaflet, name="leaflet"),
    path("information/<slug:kind>/leaflet.pdf", information.leaflet_pdf, name="leaflet_pdf"),
    path(
        "information/<slug:kind>/sections/<id:position>/",
        information.leaflet_section_edit,
        name="leaflet_section_edit",
    ),
    path("information/pictures/<id:pk>.png", information.leaflet_picture, name="leaflet_picture"),
    path("enquiries/<id:enquiry_pk>/summary/", information.summary_new, name="summary_new"),
    path("summaries/<id:pk>/", information.summary, name="summary"),
    path("summaries/<id:pk>/summary.pdf", information.summary_pdf, name="summary_pdf"),
    # case file audits
    path("audits/", audits.index, name="audits"),
    path("audits/samples/new/", audits.sample_new, name="audit_sample_new"),
    path("audits/samples/<id:pk>/", audits.sample_detail, name="audit_sample"),
    path(
        "audits/samples/<id:pk>/sample.<str:fmt>",
        audits.sample_download,
        name="audit_sample_download",
    ),
    path(
        "audits/samples/<id:pk>/cases/<id:enquiry_pk>/",
        audits.case_audit,
        name="case_audit",
    ),
    path("audits/<id:pk>/", audits.audit_detail, name="audit"),
    path("audits/mine/", audits.own, name="audits_own"),
    path("audits/results/", audits.results, name="audit_results"),
    path("audits/questions/", audits.questions, name="audit_questions"),
    path("audits/questions/versions/", audits.question_versions, name="audit_question_versions"),
    path(
        "audits/questions/versions/<id:number>/",
        audits.question_version,
        name="audit_question_version",
    ),
    path("audits/questions/draft/", audits.questions_edit, name="audit_questions_edit"),
    path(
        "audits/questions/draft/publish/",
        audits.questions_publish,
        name="audit_questions_publish",
    ),
    # the person's own feedback after closure
    path("follow-ups/", feedback.tasks, name="follow_ups"),
    path("follow-ups/<id:enquiry_pk>/", feedback.follow_up, name="follow_up"),
    path("follow-ups/<id:enquiry_pk>/record/", feedback.record, name="follow_up_record"),
    path("follow-ups/<id:enquiry_pk>/code/", feedback.code_new, name="follow_up_code"),
    path("feedback/", feedback.figures, name="feedback_figures"),
    # triangulation
    path("triangulation/", triangulation.page, name="triangulation"),
    path(
        "triangulation/triangulation.xlsx",
        triangulation.download,
        name="triangulation_download",
    ),
    # supervision and champions
    path(
        "enquiries/<id:enquiry_pk>/supervision/",
        supervision.case_notes,
        name="supervision_case",
    ),
    path(
        "enquiries/<id:enquiry_pk>/supervision/new/",
        supervision.note_new,
        name="supervision_new",
    ),
    path("supervision/<id:pk>/", supervision.note, name="supervision_note"),
    path(
        "supervision/practitioners/<id:user_pk>/",
        supervision.practitioner_sessions,
        name="supervision_sessions",
    ),
    path(
        "supervision/practitioners/<id:user_pk>/supervisor/",
        supervision.supervisor_name,
        name="supervisor_name",
    ),
    path("teams/", supervision.teams, name="teams"),
    path("teams/<id:pk>/", supervision.team, name="team"),
    path("teams/<id:pk>/champions/", supervision.champion_mark, name="champion_mark"),
    path(
        "teams/<id:pk>/champions/<id:champion_pk>/end/",
        supervision.champion_end,
        name="champion_end",
    ),
]
