"""Documents as read, their passages, and the claims found in them (each with its source span)."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from envcoop.core.partial_date import PartialDate
from envcoop.registry.fields import PartialDateField


class DocumentStatus(models.TextChoices):
    UNDERSTOOD = "understood", _("understood")
    NOT_UNDERSTOOD = "not-understood", _("language not yet understood")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    MEMBERS = "members", _("members (anyone signed in)")
    COUNTRY = "country", _("the document's country and the Secretariat")


def original_path(document: Document, filename: str) -> str:
    """Where the uploaded file is kept in the default storage: by its content hash (one
    file per content), with the extension it came with."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    digest = document.content_hash
    return f"originals/{digest[:2]}/{digest}{suffix}"


class Document(models.Model):
    content_hash = models.CharField(_("content hash"), max_length=64, unique=True)
    source = models.CharField(
        _("source"), max_length=1000, help_text=_("File path or name as given")
    )
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    format = models.CharField(_("format"), max_length=16)
    encoding = models.CharField(_("encoding"), max_length=32, blank=True)
    size_bytes = models.PositiveBigIntegerField(_("size in bytes"))
    title = models.CharField(_("title"), max_length=500, blank=True)
    lang = models.CharField(_("language"), max_length=16)
    status = models.CharField(_("status"), max_length=16, choices=DocumentStatus.choices)
    dateline = PartialDateField(_("dateline"), null=True, blank=True)
    text = models.TextField(_("text"))
    # A scan read by OCR: per page, its number, Tesseract's confidence (0-100, the mean of
    # its words' weighted by their characters; null when nothing was read), its words, and
    # where its text starts and ends in ``text``. Null for a document that was not OCRed.
    ocr_pages = models.JSONField(_("OCR pages"), null=True, blank=True)
    pipeline_version = models.CharField(_("pipeline version"), max_length=16)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who may read it (envcoop.accounts.scope): everyone, anyone signed in, or only the
    # members of ``country`` and the Secretariat. Partners read the members' documents
    # shared with their organisation.
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    country = models.ForeignKey(
        "registry.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The country whose document this is: its focal points review its claims."),
    )
    shared_with = models.ManyToManyField(
        "registry.Organisation",
        verbose_name=_("shared with"),
        blank=True,
        related_name="+",
        help_text=_("Partner organisations that may read it though it is not public."),
    )
    # Provenance a person gives (the document page): where it was published, by whom and
    # when. The publication date, when given, is the document's date wherever one is shown
    # or used (``date``), before the dateline read from the text.
    source_url = models.URLField(_("source address"), max_length=1000, blank=True, default="")
    publisher = models.CharField(_("publisher"), max_length=300, blank=True, default="")
    publication_date = PartialDateField(_("publication date"), null=True, blank=True)
    # The file as uploaded (the default storage: MEDIA_ROOT, or what STORAGES says).
    original = models.FileField(
        _("original file"), upload_to=original_path, max_length=300, blank=True, default=""
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    extracted_at = models.DateTimeField(_("read"))

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["lang", "status"])]

    def __str__(self) -> str:
        return self.title or self.filename or self.source

    def get_absolute_url(self) -> str:
        return reverse("web:document", args=[self.pk])

    @property
    def date(self) -> PartialDate | None:
        """The document's date: the publication date given, else the dateline read."""
        return self.publication_date or self.dateline

    def ocr_low_pages(self) -> list[dict]:
        """The pages OCR read with a confidence under ENVCOOP_OCR_MIN_CONFIDENCE: for the
        reviewer to check against the original."""
        if not self.ocr_pages:
            return []
        threshold = float(getattr(settings, "ENVCOOP_OCR_MIN_CONFIDENCE", 60))
        return [
            page
            for page in self.ocr_pages
            if page.get("confidence") is not None and page["confidence"] < threshold
        ]


class Passage(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="passages")
    position = models.PositiveIntegerField(_("position"))
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    lang = models.CharField(_("language"), max_length=16)

    class Meta:
        verbose_name = _("passage")
        verbose_name_plural = _("passages")
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="passage_unique_position")
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def text(self) -> str:
        return self.document.text[self.start : self.end]


class ClaimKind(models.TextChoices):
    DATE = "date", _("date")
    COUNTRY = "country", _("country")
    ORGANISATION = "organisation", _("organisation")
    EVENT = "event", _("event")
    AGREEMENT = "agreement", _("agreement")
    PROJECT = "project", _("project")
    AREA = "area", _("area")
    FRAMEWORK = "framework", _("framework")
    PRIORITY = "priority", _("priority")
    MENTION = "mention", _("mention")


class ClaimStatus(models.TextChoices):
    PENDING = "pending", _("pending review")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class Claim(models.Model):
    """One fact a document states: what, where in the document, found by which extractor."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="claims")
    kind = models.CharField(_("kind"), max_length=16, choices=ClaimKind.choices)
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    quote = models.TextField(_("quote"), blank=True)
    value = models.JSONField(_("value"))
    extractor = models.CharField(_("extractor"), max_length=32)
    extractor_version = models.CharField(_("extractor version"), max_length=16)
    confidence = models.FloatField(_("confidence"))
    status = models.CharField(
        _("review"), max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.PENDING
    )
    created_at = models.DateTimeField(_("found"), auto_now_add=True)

    # What the resolver proposes (envcoop/review/resolve.py): the same record as ``match``
    # (with a score and the reasons), or a new record shared by the claims of one ``cluster``.
    match_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    match_id = models.PositiveBigIntegerField(null=True, blank=True)
    match = GenericForeignKey("match_type", "match_id")
    match_score = models.FloatField(_("match score"), null=True, blank=True)
    match_reasons = models.JSONField(_("reasons"), null=True, blank=True)
    cluster = models.CharField(_("proposed record"), max_length=64, blank=True, db_default="")
    # What the review decided: the record the claim went into, or why it was rejected.
    record_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    record_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("record_type", "record_id")
    review_note = models.TextField(_("review note"), blank=True, db_default="")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["document", "start", "pk"]
        indexes = [
            models.Index(fields=["document", "kind"]),
            models.Index(fields=["kind", "status"]),
            models.Index(fields=["status", "cluster"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.quote[:60]}"


class ReadingState(models.TextChoices):
    QUEUED = "queued", _("queued")
    READING = "reading", _("reading")
    OCR = "ocr", _("OCR")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ReadingJob(models.Model):
    """One uploaded file waiting to be read (or read) by a worker: its bytes until it is
    read, the filing chosen at upload, and its state. The files of one upload share
    ``upload`` (the address of its status page)."""

    upload = models.UUIDField(_("upload"), db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filename = models.CharField(_("file name"), max_length=255)
    source = models.CharField(_("source"), max_length=1000)
    # the file's bytes, kept in the database so that workers on other machines read them;
    # emptied once the document is read
    data = models.BinaryField(_("data"), blank=True, default=b"")
    size_bytes = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    filing = models.JSONField(_("filing"), default=dict)  # Filing's fields
    queue_name = models.CharField(_("queue"), max_length=32, default="reading")
    state = models.CharField(
        _("state"), max_length=16, choices=ReadingState.choices, default=ReadingState.QUEUED
    )
    reason = models.TextField(_("reason"), blank=True, default="")  # why it failed
    outcome = models.CharField(_("outcome"), max_length=16, blank=True, default="")
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    worker = models.CharField(_("worker"), max_length=100, blank=True, default="")
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("reading job")
        verbose_name_plural = _("reading jobs")
        ordering = ["pk"]
        indexes = [models.Index(fields=["state", "worker"])]

    def __str__(self) -> str:
        return f"{self.filename} ({self.state})"


class WorkerBeat(models.Model):
    """When each worker (``envcoop worker``) was last seen alive."""

    worker = models.CharField(max_length=100, unique=True)
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker} {self.seen_at:%Y-%m-%d %H:%M:%S}"
