from django.urls import path

from msp.interop import views

app_name = "interop"
urlpatterns = [
    path("import/", views.import_start, name="import"),
    path("import/format/", views.import_format, name="import_format"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("import/<id:pk>/", views.import_batch, name="batch"),
    path("import/<id:pk>/team/", views.import_team, name="batch_team"),
    path("import/<id:pk>/import/", views.import_commit, name="batch_commit"),
    path("import/<id:pk>/errors.csv", views.import_errors, name="batch_errors"),
    path("import/<id:pk>/rejected/", views.import_rejected, name="batch_rejected"),
    path("export/", views.export, name="export"),
]
