"""An upload's progress: each file's state (queued, reading, OCR, done, failed and why),
as a page that updates itself (static/envcoop/upload-status.js) and as JSON.

Only the uploader and the Secretariat see an upload's status."""

from __future__ import annotations

import uuid

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from envcoop.accounts.rules import is_secretariat, may
from envcoop.ingestion.models import DocumentStatus, ReadingJob, ReadingState
from envcoop.web.views.documents import failure_reason

FINISHED = (ReadingState.DONE, ReadingState.FAILED)


def _jobs(request: HttpRequest, upload: uuid.UUID) -> list[ReadingJob] | HttpResponse:
    jobs = list(
        ReadingJob.objects.filter(upload=upload)
        .select_related("document")
        .defer("data")
        .order_by("pk")
    )
    if not jobs:
        raise Http404(str(upload))
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    mine = all(job.uploaded_by_id == request.user.pk for job in jobs)
    if not (mine or is_secretariat(request.user)):
        raise PermissionDenied(_("An upload's progress is for its uploader and the Secretariat."))
    return jobs


def describe(request: HttpRequest, job: ReadingJob) -> dict:
    """What the page says about one file."""
    message, url = "", ""
    if job.state == ReadingState.FAILED:
        status, _newline, detail = job.reason.partition("\n")
        message = failure_reason(status, detail)
    elif job.state == ReadingState.DONE and job.document is not None:
        document = job.document
        readable = may(request.user, "view_document", document)
        if job.outcome == "unchanged":
            message = (
                _("This document was already stored; nothing changed.")
                if readable
                else _(
                    "This document was already stored, for readers you are not among; "
                    "nothing changed."
                )
            )
        elif document.status == DocumentStatus.NOT_UNDERSTOOD:
            message = _(
                "The text is stored, but its language (%(lang)s) is not understood yet: "
                "nothing was extracted."
            ) % {"lang": document.lang}
        else:
            message = _("The document was read and stored.")
        if readable:
            url = document.get_absolute_url()
    elif job.state == ReadingState.DONE:  # read, then deleted
        message = _("The document was read and stored.")
    return {
        "id": job.pk,
        "filename": job.filename,
        "state": job.state,
        "label": ReadingState(job.state).label,
        "message": message,
        "url": url,
        "finished": job.state in FINISHED,
    }


def upload_status(request: HttpRequest, upload: uuid.UUID) -> HttpResponse:
    jobs = _jobs(request, upload)
    if isinstance(jobs, HttpResponse):
        return jobs
    files = [describe(request, job) for job in jobs]
    return render(
        request,
        "web/documents/upload_status.html",
        {
            "files": files,
            "finished": all(f["finished"] for f in files),
            "status_url": reverse("web:upload_status_json", args=[upload]),
        },
    )


def upload_status_json(request: HttpRequest, upload: uuid.UUID) -> HttpResponse:
    jobs = _jobs(request, upload)
    if isinstance(jobs, HttpResponse):
        return jobs
    files = [describe(request, job) for job in jobs]
    return JsonResponse({"finished": all(f["finished"] for f in files), "files": files})
