from django.urls import include, path

from .views import library, search

app_name = "content_pages"

urlpatterns = [
    # Not "thu-vien/": that is the library page's own address in the demo.
    path("tai-lieu/", include(library.urlpatterns)),
    path("tim-kiem/", include(search.urlpatterns)),
]
