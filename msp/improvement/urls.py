from django.urls import path

from msp.improvement.briefing import views as briefing
from msp.improvement.information import views as information
from msp.improvement.projects import views as projects

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
]
