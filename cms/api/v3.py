"""The Wagtail 8 API v3 preview, with the project's own read endpoints as routers.

Wagtail's ``api`` object is a module-level singleton: routers must be added before its
``urls`` are first read, so ``cms.urls`` imports ``v3_api`` from here, never directly.
"""

from wagtail.api.v3.urls import api as v3_api

from cms.api.topics import router as topics_router

v3_api.add_router("/topics/", topics_router)

__all__ = ["v3_api"]
