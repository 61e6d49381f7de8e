"""Clear JSON answers for bad API input: which parameter, and why."""

from django.http import JsonResponse
from wagtail.api.v2.utils import BadRequestError


class ParameterError(BadRequestError):
    """A bad query parameter: answered as 400 with the parameter's name and the reason."""

    def __init__(self, parameter, reason):
        super().__init__(f"{parameter}: {reason}")
        self.parameter = parameter
        self.reason = reason


def error_body(message, parameter=None):
    body = {"message": message}
    if parameter:
        body["parameter"] = parameter
    return body


def guess_parameter(message, query_parameters):
    """The query parameter a Wagtail error message is about, if it names one."""
    if message.startswith("unknown fields") or message.startswith("fields error"):
        return "fields"
    if message.startswith("query parameter is not an operation"):
        return message.rsplit(": ", 1)[-1].split(", ")[0]
    if "order" in message:
        return "order"
    for name in sorted(query_parameters, key=len, reverse=True):
        if message.startswith(name):
            return name
    return None


def not_found(request, path=""):
    """Unknown API addresses answer JSON too, and a malformed id says so."""
    parts = [part for part in path.split("/") if part]
    if len(parts) == 2 and not parts[1].isdigit() and parts[1] != "find":
        return JsonResponse(error_body("id: must be a positive whole number", "id"), status=400)
    return JsonResponse(error_body("not found"), status=404)
