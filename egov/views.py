from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Subquery
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit
from import_export.formats import base_formats

from portal.caching import cache_anonymous
from portal.decorators import staff_permission_required
from portal.pagination import CappedPaginator, page_links
from portal.publishing import can_preview, visible_to
from portal.reference_data import CONSULTATION_MINIMUM
from portal.selectors import legal_limit

from . import actions, selectors
from .forms import CommentForm, ConfirmCodeForm, ConsultationFilterForm
from .models import Comment, Consultation, ConsultationAttachment, DraftSection, DraftVersion
from .resources import PublicCommentResource

NAMESPACE = selectors.PAGE_NAMESPACE
# A signed cookie remembers the commenter's last comment, so the code can be typed on the next
# page without putting the comment's id in a URL (and without writing a session row for every
# comment sent).
PENDING_COOKIE = "egov_pending_comment"
PENDING_SALT = "egov.pending-comment"
PENDING_MAX_AGE = 2 * 24 * 60 * 60  # as long as a confirmation link is valid


def _pending_comment_id(request) -> int | None:
    value = request.get_signed_cookie(
        PENDING_COOKIE, default=None, salt=PENDING_SALT, max_age=PENDING_MAX_AGE
    )
    return int(value) if value and value.isdigit() else None


def _remember_pending(response, comment: Comment):
    response.set_signed_cookie(
        PENDING_COOKIE,
        str(comment.pk),
        salt=PENDING_SALT,
        max_age=PENDING_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


@cache_anonymous(NAMESPACE)
def consultation_list(request):
    form = ConsultationFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    consultations = list(selectors.consultation_list(status))
    counts = selectors.comment_counts([c.pk for c in consultations])
    return render(
        request,
        "egov/consultation_list.html",
        {
            "form": form,
            "status": status,
            "rows": [(c, counts.get(c.pk, 0)) for c in consultations],
            "status_counts": selectors.status_counts(),
        },
    )


def _consultation(request, pk) -> Consultation:
    try:
        drafts = can_preview(request.user, Consultation)
        return selectors.consultation_for_page(pk, include_drafts=drafts)
    except Consultation.DoesNotExist:
        raise Http404 from None


@cache_anonymous(NAMESPACE)
def consultation_detail(request, pk):
    try:
        drafts = can_preview(request.user, Consultation)
        consultation = selectors.consultation_page(pk, include_drafts=drafts)
    except Consultation.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "egov/consultation_detail.html",
        {
            "consultation": consultation,
            "draft": selectors.draft_view(consultation, consultation.current_version),
            "attachments": list(consultation.attachments.all()),
            "minimum": legal_limit(CONSULTATION_MINIMUM),
        },
    )


def attachment_download(request, consultation_pk, pk):
    attachment = get_object_or_404(
        ConsultationAttachment,
        pk=pk,
        consultation__in=visible_to(request.user, Consultation).filter(pk=consultation_pk),
    )
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


def _articles(consultation) -> tuple[DraftVersion | None, list[DraftSection]]:
    """The current draft version and its articles, with only what the form needs: in one
    query when the draft has articles."""
    latest = consultation.versions.order_by("-number").values("pk")[:1]
    articles = list(
        DraftSection.objects.filter(version=Subquery(latest), kind=DraftSection.Kind.ARTICLE)
        .select_related("version")
        .only("id", "version_id", "kind", "number", "heading", "anchor", "version__number")
        .order_by("position")
    )
    if articles:
        return articles[0].version, articles
    return consultation.versions.only("id", "number").order_by("-number").first(), []


@ratelimit(key="ip", rate="10/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def comment_create(request, pk):
    consultation = _consultation(request, pk)
    if not consultation.is_open:
        return render(
            request, "egov/comment_closed.html", {"consultation": consultation}, status=403
        )
    version, articles = _articles(consultation)
    if request.method == "POST":
        form = CommentForm(request.POST, articles=articles)
        if form.is_valid():
            if form.is_robot:
                # Looks sent, stores nothing: a robot learns nothing from the answer.
                return redirect("egov:comment_sent", pk=consultation.pk)
            try:
                submitted = actions.comment_submit(
                    consultation=consultation,
                    section=form.chosen_section,
                    data=form.cleaned_data,
                    version=version,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                response = redirect("egov:comment_sent", pk=consultation.pk)
                return _remember_pending(response, submitted.comment)
    else:
        anchor = request.GET.get("dieu", "")
        form = CommentForm(
            initial={"section": anchor if any(a.anchor == anchor for a in articles) else ""},
            articles=articles,
        )
    return render(
        request,
        "egov/comment_form.html",
        {"consultation": consultation, "form": form, "consent_version": actions.CONSENT_VERSION},
    )


@ratelimit(key="ip", rate="20/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def comment_sent(request, pk):
    """After sending: check your mail, or type the code here."""
    consultation = _consultation(request, pk)
    pending = _pending_comment_id(request)
    comment = (
        Comment.objects.filter(pk=pending, consultation=consultation).first() if pending else None
    )
    if comment is not None and request.POST.get("action") == "resend":
        actions.comment_resend(comment=comment)
        return render(request, "egov/comment_resent.html", {"comment": comment})
    form = ConfirmCodeForm(request.POST or None)
    if comment is not None and request.method == "POST" and form.is_valid():
        if actions.comment_check_code(comment=comment, code=form.cleaned_data["code"]):
            return _confirm(request, comment)
        form.add_error("code", _("This code is not the one we sent. Check the email again."))
    return render(
        request,
        "egov/comment_sent.html",
        {"consultation": consultation, "comment": comment, "form": form},
    )


def _confirm(request, comment: Comment):
    try:
        actions.comment_confirm(comment=comment)
    except actions.ConfirmationExpired:
        return render(request, "egov/comment_expired.html", {"comment": comment}, status=410)
    messages.success(
        request,
        _("Thank you: your comment is confirmed. It will appear on the page once reviewed."),
    )
    response = HttpResponseRedirect(
        reverse("egov:consultation_detail", args=[comment.consultation_id])
    )
    response.delete_cookie(PENDING_COOKIE, samesite="Lax")
    return response


@ratelimit(key="ip", rate="30/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def comment_confirm(request, token):
    """The one-time link: a GET shows a button (mail scanners that open links confirm
    nothing); the POST confirms, or sends a new link when this one has expired."""
    comment = actions.comment_by_token(token)
    if comment is None:
        raise Http404
    if request.method == "POST":
        if request.POST.get("action") == "resend":
            actions.comment_resend(comment=comment)
            return render(request, "egov/comment_resent.html", {"comment": comment})
        return _confirm(request, comment)
    return render(request, "egov/comment_confirm.html", {"comment": comment})


def _published_synthesis(request, pk):
    consultation = _consultation(request, pk)
    report = (
        consultation.syntheses.filter(published_at__isnull=False).order_by("-published_at").first()
    )
    if report is None:
        raise Http404
    return consultation, report


@cache_anonymous(NAMESPACE)
def synthesis_page(request, pk):
    consultation, report = _published_synthesis(request, pk)
    return render(request, "egov/synthesis.html", {"consultation": consultation, "report": report})


def synthesis_pdf(request, pk):
    consultation, report = _published_synthesis(request, pk)
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=f"tong-hop-tiep-thu-giai-trinh-{consultation.pk}.pdf",
        content_type="application/pdf",
    )


EXPORT_FORMATS = {"csv": base_formats.CSV, "xlsx": base_formats.XLSX}


def comments_export(request, pk, fmt):
    """The consultation's published comments and answers as CSV or XLSX (formulas escaped)."""
    consultation = _consultation(request, pk)
    file_format = EXPORT_FORMATS[fmt]()
    queryset = (
        Comment.objects.public()
        .filter(consultation=consultation)
        .select_related("section", "answer")
        .order_by("version__number", "section__position", "created_at", "pk")
    )
    dataset = PublicCommentResource().export(queryset=queryset)
    response = HttpResponse(
        file_format.export_data(dataset), content_type=file_format.get_content_type()
    )
    filename = f"y-kien-gop-y-{consultation.pk}.{file_format.get_extension()}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_permission_required("egov.view_consultation")
def staff_overview(request):
    return render(request, "egov/staff_overview.html", selectors.staff_overview(request.user))


COMMENTS_PAGE_SIZE = 50


@cache_anonymous(NAMESPACE)
def comment_list(request, pk):
    """Every published comment of the consultation's current draft, or of one article of it."""
    consultation = _consultation(request, pk)
    version = selectors.current_version(consultation)
    if version is None:
        raise Http404
    comments = selectors.public_comments(consultation, version).order_by("created_at", "pk")
    article = None
    anchor = request.GET.get("dieu", "")
    if anchor:
        article = version.sections.filter(anchor=anchor, kind=DraftSection.Kind.ARTICLE).first()
        if article is None:
            raise Http404
        comments = comments.filter(section=article)
    page = CappedPaginator(comments, COMMENTS_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "egov/comment_list.html",
        {
            "consultation": consultation,
            "article": article,
            "page": page,
            "pagination": page_links(page, query.urlencode()),
        },
    )
