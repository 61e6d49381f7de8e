"""Permanent redirects from every address the WordPress site answered to.

For each imported post and page: its permalink path (whatever structure the site used,
taken from the item's ``<link>``), ``/?p=ID`` and, for pages, ``/?page_id=ID``. For each
attachment: its attachment page, ``/?attachment_id=ID`` and its ``wp-content/uploads``
file address, to the imported file. For categories (nested paths too) and tags: the topic
page and its feed; for authors: the author's page; ``/feed/``: the articles feed.

A redirect is not made when something on the new site already answers at that address
(a live page, or one of the site's own views), nor over an existing redirect that points
elsewhere (an editor's choice wins); each is reported. Wagtail's redirect middleware only
looks at addresses that would be a 404, and ``/?p=ID`` is the home page, so those are
answered by the ``before_serve_page`` hook in ``wordpress.wagtail_hooks``.
"""

from urllib.parse import unquote, urlparse

from django.urls import Resolver404, resolve, reverse
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

QUERY_KEYS = ("p", "page_id", "attachment_id")


def query_path(request):
    """``/?p=12`` for a request to the site root carrying one of WordPress's id queries."""
    for key in QUERY_KEYS:
        value = request.GET.get(key, "")
        if value.isdigit():
            return f"/?{key}={value}"
    return None


class Redirects:
    def __init__(self, importer):
        self.importer = importer
        self.report = importer.report
        self.existing = {r.old_path: r for r in Redirect.objects.filter(site=None)}
        home = importer.home
        self.root_path = home.url_path
        self.blog_prefix = urlparse(importer.plan.channel.base_blog_url or "").path.rstrip("/")
        self.new = []

    def make(self):
        importer = self.importer
        records = [r for r in importer.known.values() if r.page_id and r.kind in {"post", "page"}]
        pages = Page.objects.in_bulk([r.page_id for r in records])
        for record in records:
            page = pages.get(record.page_id)
            if page is None:
                continue
            entry = importer.plan.entries.get(record.wp_id)
            self.add(_path(entry[3] if entry else record.old_url), page)
            self.add(f"/?p={record.wp_id}", page)
            if record.kind == "page":
                self.add(f"/?page_id={record.wp_id}", page)
        library = importer.library
        for wp_id, item in library.items.items():
            url = library.file_url(wp_id)
            if not url:
                continue
            self.add(_path(item.link), url)
            self.add(f"/?attachment_id={wp_id}", url)
            self.add(_path(item.attachment_url, slash=False), url)
        self.terms()
        self.add(self.blog_prefix + "/feed/", reverse("articles_feed"))
        if not importer.dry_run:
            Redirect.objects.bulk_create(self.new, batch_size=500)

    def terms(self):
        importer = self.importer
        channel = importer.plan.channel
        for slug, (name, _parent) in channel.categories.items():
            if slug.lower() in {"uncategorized", "uncategorised"}:
                continue
            topic = importer.topics.find(name)[0] or importer.topics.find(slug)[0]
            if topic is None:
                continue
            path = "/".join(self.category_chain(channel.categories, slug))
            base = f"{self.blog_prefix}/category/{path}/"
            self.add(base, reverse("topic_detail", args=[topic.slug]))
            self.add(base + "feed/", reverse("topic_feed", args=[topic.slug]))
        for slug, name in channel.tags.items():
            topic = importer.topics.find(name)[0] or importer.topics.find(slug)[0]
            if topic is None:
                continue
            base = f"{self.blog_prefix}/tag/{slug}/"
            self.add(base, reverse("topic_detail", args=[topic.slug]))
            self.add(base + "feed/", reverse("topic_feed", args=[topic.slug]))
        for login in channel.authors:
            author = importer.authors.get(slugify(login)[:120])
            if author is not None:
                target = reverse("author_detail", args=[author.slug])
                self.add(f"{self.blog_prefix}/author/{login}/", target)

    @staticmethod
    def category_chain(categories, slug):
        chain, seen = [slug], {slug}
        parent = categories.get(slug, ("", ""))[1]
        while parent and parent in categories and parent not in seen:
            chain.insert(0, parent)
            seen.add(parent)
            parent = categories[parent][1]
        return chain

    def add(self, old, target):
        if not old or old in {"/", "/?"}:
            return
        normalised = Redirect.normalise_path(old)
        target_url = target if isinstance(target, str) else target.url
        if target_url and Redirect.normalise_path(target_url) == normalised:
            return  # the new address is the old one
        existing = self.existing.get(normalised)
        if existing is not None:
            same = (
                existing.redirect_page_id == target.pk
                if isinstance(target, Page)
                else existing.redirect_link == target
            )
            if same:
                self.report.redirects["unchanged"] += 1
            else:
                self.skip(normalised, "an existing redirect points elsewhere")
            return
        if "?" not in normalised and self.answered(normalised):
            self.skip(normalised, "a page of the new site answers at this address")
            return
        redirect = Redirect(old_path=normalised, is_permanent=True)
        if isinstance(target, Page):
            redirect.redirect_page = target
        else:
            redirect.redirect_link = target
        self.new.append(redirect)
        self.existing[normalised] = redirect
        self.report.redirects["created"] += 1

    def skip(self, path, reason):
        self.report.redirects_skipped.append({"path": path, "reason": reason})

    def answered(self, path):
        """True when the new site serves something at ``path`` (a live page or a view)."""
        try:
            match = resolve(path if path.endswith("/") else path + "/")
        except Resolver404:
            return False
        if match.url_name != "wagtail_serve":
            return True
        url_path = self.root_path + path.strip("/") + "/"
        return Page.objects.filter(url_path=url_path, live=True).exists()


def _path(url, slash=True):
    """The path of an old address (or its ``?p=`` form), or "" when there is none."""
    if not url:
        return ""
    parsed = urlparse(url)
    for key in QUERY_KEYS:
        for part in parsed.query.split("&"):
            name, _, value = part.partition("=")
            if name == key and value.isdigit():
                return f"/?{key}={value}"
    path = unquote(parsed.path)
    if not path or path == "/":
        return ""
    return path if path.endswith("/") or not slash else path + "/"
