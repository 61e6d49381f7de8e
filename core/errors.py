"""How an error looks, on every API endpoint, every JSON view and every HTML page.

``{"message": "limit: must be at most 100", "parameter": "limit"}``: a sentence a developer
can act on and, when one query parameter (or body field) is at fault, its name; otherwise
``parameter`` is null. A request answered before any view runs (refused input, a fault)
gets this shape when it asked for JSON, and the site's error page otherwise;
``wants_json`` is the one rule for which.
"""

from django.core.exceptions import BadRequest
from django.http import JsonResponse

#: Where every address answers JSON, errors included.
API_PREFIX = "/api/"


class BadParameter(BadRequest):
    """Input refused before it reaches a view; Django answers it with the 400 handler."""

    def __init__(self, message, parameter=None):
        super().__init__(message)
        self.parameter = parameter


def error_body(message, parameter=None):
    return {"message": str(message), "parameter": parameter}


def json_error(status, message, parameter=None):
    """A JSON error response with the one error shape."""
    return JsonResponse(error_body(message, parameter), status=status)


def wants_json(request):
    """API addresses, and callers that ask for JSON rather than a page, get JSON errors."""
    if request.path.startswith(API_PREFIX):
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept
