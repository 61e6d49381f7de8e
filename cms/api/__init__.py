"""The headless API: Wagtail API v2 at /api/v2/ and the v3 preview at /api/v3/."""

from cms.api.v2 import api_router

__all__ = ["api_router"]
