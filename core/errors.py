"""How a JSON error looks, on every API endpoint and every JSON view of the site.

``{"message": "limit: must be at most 100", "parameter": "limit"}``: a sentence a developer
can act on and, when one query parameter (or body field) is at fault, its name; otherwise
``parameter`` is null.
"""

from django.http import JsonResponse


def error_body(message, parameter=None):
    return {"message": str(message), "parameter": parameter}


def json_error(status, message, parameter=None):
    """A JSON error response with the one error shape."""
    return JsonResponse(error_body(message, parameter), status=status)
