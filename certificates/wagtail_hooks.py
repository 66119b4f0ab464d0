from .admin import exports  # noqa: F401  (its hook registers the downloads)
