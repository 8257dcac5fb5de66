from django.apps import AppConfig


class ResolutionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "resolutions"
    verbose_name = "Security Council votes"

    def ready(self) -> None:
        from . import pagecache

        pagecache.connect_signals()
