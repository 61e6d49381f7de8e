"""Topics: the clean tag vocabulary behind articles, course units and search.

Names are trimmed, empty names dropped, and a synonym (case-insensitive) resolves to its
topic wherever tags are entered (the admin's tag field, the importer, the API), because all
of them go through ``TopicTaggableManager`` or ``Topic.objects.resolve``.

Every page type that has topics tags them through its own taggit "through" model with a
``tag`` foreign key to ``Topic``; ``tag_links`` finds them all, so filters, counts and
merges cover a new tagged page type without being told about it.
"""

import re

from django.db import models
from django.db.models import functions
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager, _ClusterTaggableManager
from taggit.models import TagBase

from topics.widgets import TopicWidget

_SPACES = re.compile(r"\s+")


def clean_name(name):
    """A tag name as typed, trimmed and with runs of spaces collapsed ("" when blank)."""
    return _SPACES.sub(" ", str(name or "")).strip()


def split_synonyms(text):
    """Synonyms as a list, from text with one per line or comma-separated."""
    return [clean_name(part) for part in re.split(r"[,\n]", text or "") if clean_name(part)]


class TopicResolver:
    """Resolves names to topics against one snapshot of the vocabulary.

    ``Topic.objects.resolve`` makes a fresh one per call; the importer keeps one for a
    whole run so 10,000 records cost one read of the topic table, not 10,000.
    """

    def __init__(self, queryset):
        self.queryset = queryset
        topics = list(queryset.all())
        table = {}
        for topic in topics:
            for key in (topic.slug, *topic.synonym_list):
                table.setdefault(key.lower(), topic)
        table.update({topic.name.lower(): topic for topic in topics})
        self.table = table

    def find(self, raw):
        """The topic a name means, or None; also the cleaned name."""
        name = clean_name(raw)
        return (self.table.get(name.lower()) or self.table.get(slugify(name))), name

    def resolve(self, names, create=True):
        result = []
        for raw in names:
            topic, name = self.find(raw)
            if not name:
                continue
            if topic is None and create:
                topic = self.queryset.create(name=name)
                self.table[name.lower()] = topic
                self.table[topic.slug.lower()] = topic
            if topic is not None and topic not in result:
                result.append(topic)
        return result


class TopicQuerySet(models.QuerySet):
    def lookup_table(self):
        """Lower-cased name, slug and synonyms of every topic, mapped to the topic."""
        return TopicResolver(self).table

    def resolver(self):
        return TopicResolver(self)

    def resolve(self, names, create=True):
        """Topics for the given names, synonyms resolved, blanks and duplicates dropped.

        Unknown names become new topics when ``create`` is true and are skipped otherwise.
        """
        return TopicResolver(self).resolve(names, create=create)

    def for_slug(self, slug):
        """``(topic, is_synonym)`` for a web address slug: the topic's own or a synonym's.

        ``(None, False)`` when no topic answers to it.
        """
        topic = self.filter(slug=slug).first()
        if topic is not None:
            return topic, False
        for candidate in self.exclude(synonyms=""):
            if any(slugify(name) == slug for name in candidate.synonym_list):
                return candidate, True
        return None, False


class Topic(TagBase):
    """A subject readers browse by, with a description and the other names people use."""

    name = models.CharField(
        "name",
        max_length=100,
        unique=True,
        help_text="The topic as readers see it, e.g. “Benzodiazepines”.",
    )
    slug = models.SlugField(
        "slug",
        max_length=100,
        unique=True,
        allow_unicode=True,
        help_text="Used in the topic's web address. Filled in from the name if left empty.",
    )
    description = models.TextField(
        blank=True, help_text="One or two plain sentences shown at the top of the topic's page."
    )
    synonyms = models.TextField(
        "other names",
        blank=True,
        help_text=(
            "Other words people use for this topic, one per line or separated by commas "
            "(e.g. “benzos, Klonopin, Xanax”). Tags typed with these words are filed here."
        ),
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = "topic"
        verbose_name_plural = "topics"
        ordering = ["name"]

    @property
    def synonym_list(self):
        return split_synonyms(self.synonyms)

    @property
    def search_names(self):
        """The names search expands to and corrects against: the name and its synonyms."""
        return [self.name, *self.synonym_list]

    def save(self, *args, **kwargs):
        self.name = clean_name(self.name)
        self.synonyms = "\n".join(dict.fromkeys(split_synonyms(self.synonyms)))
        super().save(*args, **kwargs)


def tag_links():
    """The taggit "through" models of every tagged model (one per page type with topics)."""
    return [
        relation.related_model
        for relation in Topic._meta.related_objects
        if relation.field.name == "tag" and hasattr(relation.related_model, "content_object")
    ]


def with_usage(queryset):
    """Topics annotated with ``usage``: how many items of every tagged type use each one."""
    total = models.Value(0)
    for through in tag_links():
        count = (
            through.objects.filter(tag=models.OuterRef("pk"))
            .order_by()
            .values("tag")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        total = total + functions.Coalesce(models.Subquery(count), 0)
    return queryset.annotate(usage=total)


def tagged_with(topics):
    """A filter for pages (of any type) tagged with any of ``topics``."""
    condition = models.Q(pk__in=[])
    for through in tag_links():
        condition |= models.Q(
            pk__in=through.objects.filter(tag__in=topics).values("content_object_id")
        )
    return condition


class _TopicManager(_ClusterTaggableManager):
    def _to_tag_model_instances(self, tags, tag_kwargs):
        names = [tag for tag in tags if isinstance(tag, str)]
        topics = [tag for tag in tags if not isinstance(tag, str)]
        if names:
            topics += Topic.objects.resolve(names)
        return super()._to_tag_model_instances(list(dict.fromkeys(topics)), tag_kwargs)


class TopicTaggableManager(ClusterTaggableManager):
    """A cluster tag field whose string tags resolve through topic synonyms.

    In forms it is labelled "Topics" (taggit says "Tags") and uses ``TopicWidget``; both
    are form behaviour, so no migration records them.
    """

    def formfield(self, **kwargs):
        kwargs.update(label="Topics", widget=TopicWidget)
        return super().formfield(**kwargs)

    def __get__(self, instance, model):
        return _TopicManager(
            through=self.through, model=model, instance=instance, prefetch_cache_name=self.name
        )
