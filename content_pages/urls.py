from django.urls import include, path

from .views import library, search

app_name = "content_pages"

urlpatterns = [
    path("thu-vien/", include(library.urlpatterns)),
    path("tim-kiem/", include(search.urlpatterns)),
]
