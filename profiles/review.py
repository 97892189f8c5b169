"""Review before publishing: a country page or a yearly plan goes from draft to review to
published, and back to draft to withdraw it. Editors submit; reviewers publish, send back
with a comment, withdraw, and mark reviewed the corrections editors make to live content."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction

from config.edits import edit
from profiles.models import ReviewStep
from profiles.publication import Move, Status

# move -> (the status it starts from, the status it leads to, whether it needs a reviewer)
MOVES = {
    Move.SUBMIT: (Status.DRAFT, Status.IN_REVIEW, False),
    Move.PUBLISH: (Status.IN_REVIEW, Status.PUBLISHED, True),
    Move.SEND_BACK: (Status.IN_REVIEW, Status.DRAFT, True),
    Move.WITHDRAW: (Status.PUBLISHED, Status.DRAFT, True),
    Move.MARK_REVIEWED: (Status.PUBLISHED, Status.PUBLISHED, True),
}


def permission(model, action):
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def is_reviewer(user, model):
    return user.has_perm(permission(model, "publish"))


def allowed_moves(obj, user):
    """The moves `user` may make with `obj` now, in the order of Move."""
    reviewer = is_reviewer(user, type(obj))
    editor = user.has_perm(permission(type(obj), "change"))
    moves = []
    for move, (start, _end, needs_reviewer) in MOVES.items():
        if obj.status != start or not (reviewer if needs_reviewer else editor or reviewer):
            continue
        if move == Move.MARK_REVIEWED and not obj.changed_since_review:
            continue
        moves.append(move)
    return moves


@transaction.atomic
def make_move(obj, move, user, comment=""):
    """Move `obj` on, recording who, when and why; refused if `user` may not."""
    if move not in allowed_moves(obj, user):
        raise PermissionDenied
    before = obj.status
    obj.status = MOVES[move][1]
    if move in (Move.PUBLISH, Move.MARK_REVIEWED):
        obj.changed_since_review = False
    with edit(user, str(Move(move).label)):  # in the object's history too
        obj.save()
        return ReviewStep.objects.create(
            content_object=obj,
            move=move,
            status_before=before,
            status_after=obj.status,
            comment=comment.strip(),
            user=user,
        )


def steps_of(obj):
    """The review steps of `obj`, newest first."""
    return ReviewStep.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("user")
