"""Exports of the comments and their answers (CSV, XLSX): the public one holds only published
comments and no contact details; the drafting unit's staff export theirs from the admin, with
the contact details they need to answer."""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources

from .models import Comment


class PublicCommentResource(resources.ModelResource):
    """A consultation's published comments and answers, as the synthesis lists them."""

    article = fields.Field(column_name=_("Article"))
    author = fields.Field(column_name=_("Who commented"))
    body = fields.Field(attribute="body", column_name=_("Comment"))
    sent_on = fields.Field(column_name=_("sent at"))
    verdict = fields.Field(column_name=_("Verdict"))
    answer = fields.Field(column_name=_("Acceptance or explanation"))

    class Meta:
        model = Comment
        fields = ("article", "author", "body", "sent_on", "verdict", "answer")
        export_order = fields

    def dehydrate_article(self, comment):
        return comment.section.label if comment.section_id else str(_("The whole draft"))

    def dehydrate_author(self, comment):
        return comment.author

    def dehydrate_sent_on(self, comment):
        return comment.created_at.strftime("%d/%m/%Y")

    def dehydrate_verdict(self, comment):
        return comment.answer.get_verdict_display() if comment.answer_id else ""

    def dehydrate_answer(self, comment):
        return comment.answer.text if comment.answer_id else ""


class CommentResource(PublicCommentResource):
    """The staff export: every comment of the units the user belongs to, whatever its status,
    with the author's contact details."""

    name = fields.Field(attribute="name", column_name=_("full name"))
    organisation = fields.Field(attribute="organisation", column_name=_("organisation"))
    email = fields.Field(attribute="email", column_name=_("email"))
    phone = fields.Field(attribute="phone", column_name=_("phone"))
    status = fields.Field(column_name=_("status"))
    consultation = fields.Field(column_name=_("consultation"))

    class Meta:
        model = Comment
        fields = (
            "consultation",
            "article",
            "name",
            "organisation",
            "email",
            "phone",
            "body",
            "sent_on",
            "status",
            "verdict",
            "answer",
        )
        export_order = fields

    def dehydrate_status(self, comment):
        return comment.get_status_display()

    def dehydrate_consultation(self, comment):
        return comment.consultation.title
