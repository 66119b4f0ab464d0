from wagtail import hooks

from .admin import reports  # noqa: F401  (its hook registers the class reports)
from .viewsets import TrainingViewSetGroup


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return TrainingViewSetGroup()
