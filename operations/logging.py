"""Log formats: one JSON object per line in production, readable lines in development.

Log collectors (journald, Loki, CloudWatch) parse JSON without custom patterns, and the request
id ties a request's lines together. ``LOG_FORMAT`` chooses; production defaults to JSON.
"""

from pythonjsonlogger.json import JsonFormatter


def logging_config(log_format, level):
    """Django's LOGGING for the chosen format ("json" or "text") and root level."""
    formatter = (
        {
            "()": JsonFormatter,
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
        if log_format == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "operations.requests.RequestIdFilter"},
            "once_a_minute": {"()": "core.logging.OncePerInterval", "seconds": 60},
        },
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request_id"],
                "formatter": "default",
            }
        },
        "loggers": {"cms.cache": {"filters": ["once_a_minute"]}},
        "root": {"handlers": ["console"], "level": level},
    }
