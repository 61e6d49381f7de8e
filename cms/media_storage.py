"""Where uploaded images and documents live: this machine's disk, or an S3-compatible bucket.

One server keeps media in MEDIA_ROOT. Several servers must share them, so setting
``MEDIA_BUCKET`` moves media to an S3-compatible bucket (AWS S3, MinIO, Backblaze B2,
Cloudflare R2…) through django-storages. Credentials come from the usual
``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` variables, which boto3 reads itself, so they
never pass through the settings. Kept apart from the settings module so a test can call it.
"""

FILESYSTEM = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
S3 = "storages.backends.s3.S3Storage"


def media_storage(env):
    """The ``STORAGES["default"]`` entry for this environment (a mapping like os.environ)."""
    bucket = env.get("MEDIA_BUCKET", "").strip()
    if not bucket:
        return FILESYSTEM
    options = {
        "bucket_name": bucket,
        "location": env.get("MEDIA_BUCKET_PREFIX", "media").strip("/"),
        # Image renditions are public and cached by a CDN: plain URLs, not signed ones.
        # Documents are always served through Wagtail's view (WAGTAILDOCS_SERVE_METHOD), which
        # checks collection privacy first, so the bucket itself should not be public.
        "querystring_auth": False,
        "default_acl": None,
        "file_overwrite": False,
    }
    for option, variable in (
        ("endpoint_url", "MEDIA_BUCKET_ENDPOINT"),
        ("region_name", "MEDIA_BUCKET_REGION"),
        ("custom_domain", "MEDIA_CDN_DOMAIN"),
    ):
        if env.get(variable, "").strip():
            options[option] = env[variable].strip()
    return {"BACKEND": S3, "OPTIONS": options}
