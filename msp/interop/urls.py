from django.urls import path

from msp.interop import views

app_name = "interop"
urlpatterns = [
    path("import/", views.import_start, name="import"),
    path("import/<int:pk>/", views.import_batch, name="batch"),
    path("import/<int:pk>/import/", views.import_commit, name="batch_commit"),
    path("import/<int:pk>/errors.csv", views.import_errors, name="batch_errors"),
    path("import/<int:pk>/rejected/", views.import_rejected, name="batch_rejected"),
    path("export/", views.export, name="export"),
]
