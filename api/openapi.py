"""The OpenAPI documents apps generate clients from: v3's finished, and v2's built.

``complete`` finishes a document for either version: ``servers`` (the API's address), every
4xx an operation can answer declared with the one error shape (``ErrorSchema``), and
anonymous access written the OpenAPI way (an empty security requirement; Wagtail's
``AllowAnonymous`` scheme has no ``scheme`` and makes the document invalid).

``v2_document`` describes ``/api/v2/`` (Wagtail's v2 is DRF, which has no schema of its
own) from the same schemas v3's document holds: each page type's fields as Wagtail's v3
generator types them from the same ``api_fields`` (bodies block by block, images,
authors, topics), with v2's ``meta``. Every field of a listing item is optional, since
``?fields=`` chooses them; a page's ``meta.type`` tells the types apart.
"""

from django.conf import settings
from wagtail.models import get_page_models

ERROR_REF = {"$ref": "#/components/schemas/ErrorSchema"}
ERRORS = {
    "400": "Bad input: the message names the parameter at fault",
    "401": "The bearer token is unknown, revoked or its user inactive (or a token is needed)",
    "403": "The token's user may not do this",
    "404": "Not found, or not visible to this reader",
}


def api_base_url():
    """Where the API answers: ``WAGTAILAPI_BASE_URL``, else the site's address."""
    return (settings.WAGTAILAPI_BASE_URL or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def _error(description):
    return {"description": description, "content": {"application/json": {"schema": ERROR_REF}}}


def complete(document, error_schema):
    """``document`` with ``servers``, its 4xx answers declared and anonymous access valid."""
    document["servers"] = [{"url": api_base_url(), "description": "This site"}]
    components = document.setdefault("components", {})
    components.setdefault("schemas", {}).setdefault("ErrorSchema", error_schema)
    schemes = components.get("securitySchemes", {})
    schemes.pop("AllowAnonymous", None)
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            security = operation.get("security")
            if security is not None:
                operation["security"] = [
                    {} if "AllowAnonymous" in requirement else requirement
                    for requirement in security
                ]
            anonymous = security is None or {} in operation["security"]
            codes = ["400", "401"]
            if not anonymous or method != "get":
                codes.append("403")
            if "{" in path or path.rstrip("/").endswith("find"):
                codes.append("404")
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(code, _error(ERRORS[code]))
    return document


# v2


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties, required=(), description=None):
    schema = {"type": "object", "properties": properties, "required": list(required)}
    if description:
        schema["description"] = description
    return schema


STRING, INTEGER, BOOLEAN = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
NULLABLE_STRING = {"anyOf": [STRING, {"type": "null"}]}
PARENT = {
    "anyOf": [
        _object(
            {
                "id": INTEGER,
                "meta": _object({"type": STRING, "detail_url": STRING}),
                "title": STRING,
            }
        ),
        {"type": "null"},
    ]
}


def _page_meta(label):
    return _object(
        {
            "type": {"const": label},
            "detail_url": STRING,
            "html_url": NULLABLE_STRING,
            "slug": STRING,
            "first_published_at": {
                "anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}]
            },
            "show_in_menus": BOOLEAN,
            "seo_title": STRING,
            "search_description": STRING,
            "locale": STRING,
            "parent": PARENT,
            "alias_of": PARENT,
        },
        required=["type"],
    )


def _listing(item):
    return _object(
        {
            "meta": _object({"total_count": INTEGER}, ["total_count"]),
            "items": {"type": "array", "items": item},
        },
        ["meta", "items"],
    )


def _collect(schema, components, out):
    """Copy into ``out`` every component ``schema`` refers to, transitively."""
    if isinstance(schema, dict):
        ref = schema.get("$ref", "")
        if ref.startswith("#/components/schemas/"):
            name = ref.rsplit("/", 1)[1]
            if name not in out and name in components:
                out[name] = components[name]
                _collect(components[name], components, out)
        for value in schema.values():
            _collect(value, components, out)
    elif isinstance(schema, list):
        for value in schema:
            _collect(value, components, out)


def _page_schemas(v3_components):
    """``{name: schema}`` of each page type for v2: v3's fields, v2's meta, all optional."""
    pages = {}
    for model in get_page_models():
        v3 = v3_components.get(f"{model._meta.object_name}Schema")
        if v3 is None:
            continue
        properties = dict(v3.get("properties", {}))
        properties["meta"] = _ref(f"{model._meta.object_name}Meta")
        pages[model._meta.object_name] = _object(
            properties, description=f"A {model._meta.verbose_name} ({model._meta.label})."
        )
        pages[f"{model._meta.object_name}Meta"] = _page_meta(model._meta.label)
    return pages


def v2_document(v3_document):
    """The OpenAPI document of ``/api/v2/``, typed from the same schemas as v3's."""
    v3_components = v3_document["components"]["schemas"]
    pages = _page_schemas(v3_components)
    page_types = [name for name in pages if not name.endswith("Meta")]
    any_page = {"anyOf": [_ref(name) for name in page_types]}
    own = {
        **pages,
        "AnyPage": any_page,
        "PageListing": _listing(_ref("AnyPage")),
        "Image": _object(
            {
                "id": INTEGER,
                "meta": _object(
                    {
                        "type": STRING,
                        "detail_url": STRING,
                        "download_url": STRING,
                        "tags": {"type": "array", "items": STRING},
                    }
                ),
                "title": STRING,
                "width": INTEGER,
                "height": INTEGER,
            }
        ),
        "ImageListing": _listing(_ref("Image")),
        "Document": _object(
            {
                "id": INTEGER,
                "meta": _object(
                    {
                        "type": STRING,
                        "detail_url": STRING,
                        "download_url": STRING,
                        "tags": {"type": "array", "items": STRING},
                    }
                ),
                "title": STRING,
            }
        ),
        "DocumentListing": _listing(_ref("Document")),
        "Topic": _object(
            {
                "id": INTEGER,
                "meta": _object({"type": STRING, "detail_url": STRING}),
                **{
                    name: schema
                    for name, schema in v3_components["TopicSchema"]["properties"].items()
                    if name != "id"
                },
            }
        ),
        "TopicListing": _listing(_ref("Topic")),
        "CourseOutline": {"type": "array", "items": _ref("OutlineModuleSchema")},
    }
    id_parameter = {"name": "id", "in": "path", "required": True, "schema": INTEGER}

    def query(name, description, schema=STRING):
        return {
            "name": name,
            "in": "query",
            "required": False,
            "schema": schema,
            "description": description,
        }

    listing_parameters = [
        query(
            "fields",
            "Fields to add or remove: body,hero_image(width,height); * for all; -name; _ for none",
        ),
        query("limit", "Items per page (default 20, at most 100)", INTEGER),
        query("offset", "Items to skip", INTEGER),
        query("order", "A field to order by (-field descending; random)"),
        query("search", "Words to search for (the site's search)"),
        query("search_operator", "and: every word; or: any word", {"enum": ["and", "or"]}),
    ]
    page_parameters = [
        query("type", "A page type, e.g. articles.ArticlePage (exports its fields)"),
        query("child_of", "Pages directly under this page id", INTEGER),
        query("ancestor_of", "Pages above this page id", INTEGER),
        query("descendant_of", "Pages under this page id", INTEGER),
        query("site", "The Site's hostname[:port] (default: the request's)"),
        query("topic", "Topic slug, name or synonym (repeatable: any of)"),
        query("rich_text_format", "Rich text as html (default), markdown, db_html or db_markdown"),
    ]

    def get(summary, schema, parameters=()):
        return {
            "get": {
                "summary": summary,
                "parameters": list(parameters),
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {"application/json": {"schema": schema}},
                    }
                },
            }
        }

    paths = {
        "/api/v2/pages/": get(
            "List pages", _ref("PageListing"), listing_parameters + page_parameters
        ),
        "/api/v2/pages/{id}/": get(
            "Page detail",
            _ref("AnyPage"),
            [id_parameter, query("fields", "Fields to show"), page_parameters[-1]],
        ),
        "/api/v2/pages/find/": {
            "get": {
                "summary": "Find a page by its path",
                "parameters": [query("html_path", "The page's path on the site, e.g. /articles/")],
                "responses": {"302": {"description": "Redirect to the page's detail_url"}},
            }
        },
        "/api/v2/pages/{id}/related/": get(
            "Related posts",
            _ref("RelatedList"),
            [id_parameter, query("limit", "At most 20", INTEGER)],
        ),
        "/api/v2/images/": get("List images", _ref("ImageListing"), listing_parameters),
        "/api/v2/images/{id}/": get("Image detail", _ref("Image"), [id_parameter]),
        "/api/v2/documents/": get("List documents", _ref("DocumentListing"), listing_parameters),
        "/api/v2/documents/{id}/": get("Document detail", _ref("Document"), [id_parameter]),
        "/api/v2/topics/": get("List topics", _ref("TopicListing"), listing_parameters),
        "/api/v2/topics/{id}/": get("Topic detail", _ref("Topic"), [id_parameter]),
        "/api/v2/course/outline/": get("The course outline", _ref("CourseOutline")),
        "/api/v2/changes/": get(
            "What changed for anonymous readers since a moment (oldest first)",
            _ref("ChangeFeed"),
            [
                query("since", "ISO 8601, e.g. 2026-12-02T14:00:00Z; next time meta.next_since"),
                query("limit", "Items per page (at most 100)", INTEGER),
            ],
        ),
        "/api/v2/preview/": get(
            "The draft an editor is previewing, for a headless front end",
            _ref("AnyPage"),
            [
                query("content_type", "The page type, e.g. articles.articlepage"),
                query("token", "The preview token the admin's Preview button gave"),
            ],
        ),
    }
    paths["/api/v2/preview/"]["get"]["responses"]["403"] = _error(
        "The preview token is forged, altered or expired"
    )
    components = dict(own)
    _collect([own, paths], {**v3_components, **own}, components)
    document = {
        "openapi": v3_document["openapi"],
        "info": {
            "title": "Family CRAFT API v2",
            "version": "2.0.0",
            "description": (
                "Wagtail's API v2 (the stable contract). Listings answer the fields asked "
                "for with ?fields=, so every field of an item is optional."
            ),
        },
        "paths": paths,
        "components": {"schemas": components},
    }
    return complete(document, v3_components["ErrorSchema"])
