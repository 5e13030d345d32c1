from django.urls import path

from api.exports.views import export_view

urlpatterns = [path("<str:name>", export_view, name="export")]
