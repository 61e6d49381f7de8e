"""What an import did (or, dry, would do): counts, reasons and the JSON of ``--report``."""

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Report:
    dry_run: bool = False
    counts: dict = field(default_factory=dict)  # kind -> Counter(created, updated, unchanged)
    skipped: list = field(default_factory=list)  # items not carried over, with the reason
    failed: list = field(default_factory=list)  # items that could not be imported
    media_missing: list = field(default_factory=list)
    redirects: Counter = field(default_factory=Counter)
    redirects_skipped: list = field(default_factory=list)
    featured: int = 0

    def count(self, kind, outcome):
        self.counts.setdefault(kind, Counter())[outcome] += 1

    @property
    def ok(self):
        """True when every post and page was imported (missing media is only a warning)."""
        return not self.failed

    def as_dict(self):
        return {
            "dry_run": self.dry_run,
            "ok": self.ok,
            "items": {kind: dict(counter) for kind, counter in self.counts.items()},
            "skipped": self.skipped,
            "failed": self.failed,
            "media_missing": self.media_missing,
            "redirects": dict(self.redirects),
            "redirects_skipped": self.redirects_skipped,
            "featured_on_home_page": self.featured,
        }

    def lines(self):
        """The summary a person reads at the end of a run."""
        verb = "Would import" if self.dry_run else "Imported"
        out = []
        for kind in ("post", "page", "attachment"):
            counter = self.counts.get(kind, Counter())
            parts = [f"{counter[o]} {o}" for o in ("created", "updated", "unchanged", "missing")]
            out.append(
                f"{verb} {kind}s: "
                + ", ".join(p for p in parts if not p.endswith("missing") or counter["missing"])
            )
        reasons = Counter(entry["reason"] for entry in self.skipped)
        for reason, number in sorted(reasons.items()):
            out.append(f"Skipped {number}: {reason}")
        for entry in self.failed:
            out.append(f"Failed: item {entry['id']} ({entry['title']}): {entry['reason']}")
        for entry in self.media_missing:
            out.append(f"Media missing: {entry['file']} (item {entry['id']}): {entry['reason']}")
        made = self.redirects
        out.append(
            f"Redirects: {made['created']} created, {made['unchanged']} unchanged, "
            f"{len(self.redirects_skipped)} not made (an existing page or redirect answers)"
        )
        if self.featured:
            out.append(f"Featured on the home page: {self.featured} sticky post(s)")
        return out
