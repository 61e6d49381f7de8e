"""Stored related-post lists and the per-article features they were computed from."""

from django.db import models


class RelatedDocument(models.Model):
    """What the engine knows about one live article, kept so one publish can be scored
    against all the others without re-reading every article's body.

    Keyed by page id without a foreign key on purpose: when an article is deleted, its
    old features are still here for the refresh that removes it from other lists.
    """

    page_id = models.BigIntegerField(primary_key=True, help_text="The article's page id.")
    topics = models.JSONField(default=list, help_text="Topic ids (synonyms resolved).")
    terms = models.JSONField(default=dict, help_text="Term counts of title, summary and body.")
    day = models.IntegerField(null=True, help_text="Publication date as a day number.")
    candidate = models.BooleanField(
        default=False, help_text="Whether this article may be recommended to anyone."
    )
    threshold = models.FloatField(
        default=0.0, help_text="Score a newcomer needs to enter this article's list."
    )
    updated_at = models.DateTimeField(auto_now=True, help_text="When this was last computed.")

    class Meta:
        verbose_name = "related-posts document"

    def __str__(self):
        return f"related-posts features of page {self.page_id}"


class RelatedPost(models.Model):
    """One item of an article's related posts, in display order."""

    EDITOR, AUTO = "editor", "auto"
    SOURCES = [(EDITOR, "Chosen by an editor"), (AUTO, "Computed")]

    page = models.ForeignKey(
        "articles.ArticlePage",
        on_delete=models.CASCADE,
        related_name="related_posts",
        help_text="The article whose list this is.",
    )
    target = models.ForeignKey(
        "articles.ArticlePage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The recommended article.",
    )
    rank = models.PositiveSmallIntegerField(help_text="Position in the list, from 0.")
    score = models.FloatField(help_text="Relevance score (0 to 1).")
    source = models.CharField(max_length=6, choices=SOURCES, help_text="Editor pick or computed.")
    reasons = models.JSONField(
        default=dict, help_text="Shared topic ids and strongest shared terms."
    )

    class Meta:
        ordering = ["page", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["page", "rank"], name="related_post_unique_rank")
        ]

    def __str__(self):
        return f"{self.page_id} -> {self.target_id} ({self.rank})"
