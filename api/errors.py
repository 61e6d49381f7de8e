"""Every API error, v2 or v3, is ``{"message": …, "parameter": …}`` (``core.errors``).

``ParameterError`` is raised for bad input anywhere in the API; the v2 viewsets' and the
v3 API's handlers below turn it, and every other 4xx (Wagtail's, DRF's, Ninja's), into
that one shape.
"""

from django.core.exceptions import FieldError, PermissionDenied, ValidationError
from django.db import DataError, IntegrityError
from django.http import Http404
from ninja import Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from wagtail.api.rich_text import RichTextFormatError
from wagtail.api.v2.utils import BadRequestError
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from core.errors import error_body, json_error
from core.input import BadInput

#: Input that reaches the database or a model field unchecked (an out-of-range number,
#: a malformed value): the reader's mistake, so a 400, never a 500.
BAD_VALUE_ERRORS = (ValueError, OverflowError, DataError, IntegrityError, FieldError)
#: The parts of a validation error's location that name where, not which, input.
PLACES = {"query", "path", "body", "header", "cookie", "form", "file"}


class ErrorSchema(Schema):
    """Every API error: what is wrong, and the query parameter at fault (or null)."""

    message: str
    parameter: str | None = None


#: The errors a read endpoint declares in the OpenAPI document.
READ_ERRORS = {400: ErrorSchema, 404: ErrorSchema}


class ParameterError(BadRequestError):
    """A bad query parameter: a 400 naming the parameter and saying what is wrong."""

    def __init__(self, parameter, reason):
        super().__init__(f"{parameter}: {reason}")
        self.parameter = parameter
        self.reason = reason


def parameter_in(message, query):
    """The query parameter an error message is about: one whose value or name it quotes."""
    for name, value in query.items():
        if value and (f"“{value}”" in message or f"'{value}'" in message):
            return name
    if "order" in query and ("order" in message or "fields for model" in message):
        return "order"
    return guess_parameter(message, query.keys())


def guess_parameter(message, query_parameters):
    """The query parameter a Wagtail v2 error message is about, if it names one."""
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


def search_error(exc):
    """``(message, parameter)`` for what a search backend cannot filter or order by."""
    if isinstance(exc, OrderByFieldError):
        return f"order: cannot order by {exc.field_name!r} while searching", "order"
    return f"{exc.field_name}: cannot filter by this field while searching", exc.field_name


def bad_value(exc, request):
    """``(message, parameter)`` for input that reached a field or the database unchecked."""
    message = "a query parameter has a value this field cannot take"
    parameter = parameter_in(str(exc), request.GET)
    return (f"{parameter}: {message}" if parameter else message), parameter


def v2_error(exc, request):
    """The DRF response for an exception in a v2 viewset, or None to let DRF decide."""
    if isinstance(exc, (FilterFieldError, OrderByFieldError)):
        body = error_body(*search_error(exc))
    elif isinstance(exc, ParameterError):
        body = error_body(str(exc), exc.parameter)
    elif isinstance(exc, BadRequestError):
        message = str(exc)
        body = error_body(message, guess_parameter(message, request.GET.keys()))
    elif isinstance(exc, Http404):
        return Response(error_body("not found"), status=status.HTTP_404_NOT_FOUND)
    elif isinstance(exc, (ValidationError, *BAD_VALUE_ERRORS)):
        body = error_body(*bad_value(exc, request))
    elif isinstance(exc, APIException):
        return Response(error_body(exc.detail), status=exc.status_code)
    else:
        return None
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


class ErrorHandlingMixin:
    """v2 viewsets: every 4xx in the one error shape."""

    def handle_exception(self, exc):
        return v2_error(exc, self.request) or super().handle_exception(exc)


def not_found(request, path=""):
    """Unknown API addresses answer JSON too, and a malformed id says so."""
    parts = [part for part in path.split("/") if part]
    digits = parts[1:2] and parts[1].isascii() and parts[1].isdigit()
    if len(parts) == 2 and not digits and parts[1] != "find":
        return json_error(400, "id: must be a whole number", "id")
    return json_error(404, "not found")


def _validation_message(errors):
    """``(message, parameter)`` for Ninja's or Pydantic's validation errors."""
    first = errors[0] if errors else {}
    names = [str(part) for part in first.get("loc", ()) if str(part) not in PLACES]
    parameter = names[0] if names else None
    reason = first.get("msg", "is not valid")
    return (f"{parameter}: {reason}" if parameter else reason), parameter


def register_v3_handlers(api):
    """Give the v3 API the one error shape for every 4xx (and keep 500s for real faults)."""

    @api.exception_handler(ParameterError)
    def parameter_error(request, exc):
        return json_error(400, str(exc), exc.parameter)

    def validation(request, errors):
        message, parameter = _validation_message(errors)
        if parameter is None:
            parameter = parameter_in(message, request.GET)
        return json_error(400, message, parameter)

    @api.exception_handler(NinjaValidationError)
    def ninja_validation(request, exc):
        return validation(request, exc.errors)

    @api.exception_handler(PydanticValidationError)
    def pydantic_validation(request, exc):
        return validation(request, exc.errors())

    @api.exception_handler(ValidationError)
    def django_validation(request, exc):
        """Model and form errors from v3 writes: the first field at fault, all messages."""
        fields = getattr(exc, "error_dict", None) or {}
        message = " ".join(exc.messages)
        parameter = next(iter(fields), None) or parameter_in(message, request.GET)
        return json_error(400, f"{parameter}: {message}" if parameter else message, parameter)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return json_error(401, "authentication required: send Authorization: Bearer <token>")

    @api.exception_handler(AuthorizationError)
    def forbidden(request, exc):
        return json_error(403, str(exc) or "permission denied")

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc):
        # v3 never trusts the session: 401 unless a bearer token named someone.
        if not request.user.is_authenticated:
            return json_error(401, "authentication required: send Authorization: Bearer <token>")
        return json_error(403, str(exc) or "permission denied")

    @api.exception_handler(Http404)
    def missing(request, exc):
        return json_error(404, "not found")

    @api.exception_handler(Throttled)
    def throttled(request, exc):
        return json_error(429, "too many requests; try again shortly")

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        if isinstance(exc.__cause__, BadInput):
            return json_error(exc.status_code, str(exc.__cause__), exc.__cause__.parameter)
        message = str(exc)
        parameter = message.split()[0] if message.startswith(("limit", "offset")) else None
        return json_error(exc.status_code, message, parameter)

    @api.exception_handler(RichTextFormatError)
    def rich_text_format(request, exc):
        return json_error(400, str(exc), "rich_text_format")

    @api.exception_handler(FilterFieldError)
    @api.exception_handler(OrderByFieldError)
    def cannot_search_so(request, exc):
        return json_error(400, *search_error(exc))

    @api.exception_handler(Exception)
    def bad_value_or_fault(request, exc):
        if isinstance(exc, BAD_VALUE_ERRORS) and request.method in ("GET", "HEAD"):
            return json_error(400, *bad_value(exc, request))
        raise exc
