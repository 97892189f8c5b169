"""Reading a backup file and checking all of it before anything is deleted or written.

A restore takes content only: an object of any other model (a user, a group, a
permission, a session, a sign-in record...) would let a file grant itself rights, so it is
refused, and so is the whole file. Each refusal is one sentence that names the object by
its position in the file and its pk or natural key, and ends "Nothing was changed."
"""

import json

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.text import get_text_list

NOTHING_CHANGED = "Nothing was changed."
# How much of a value a message repeats: a cell of a megabyte is named, not echoed.
SHOWN_LENGTH = 40
JSON_TYPES = {dict: "an object", str: "a string", bool: "true or false", type(None): "null"}


class BackupRefused(Exception):
    """The file cannot be restored; the message says why, in plain words."""


def read_backup(stream, content_models):
    """The file's objects, once every one is content, complete and readable."""
    try:
        text = stream.read()
    except UnicodeDecodeError as error:
        raise BackupRefused(
            "The file is not UTF-8 text, so export_content did not write it. " + NOTHING_CHANGED
        ) from error
    try:
        objects = json.loads(text)
    except json.JSONDecodeError as error:
        raise BackupRefused(_json_problem(text, error)) from error
    if not isinstance(objects, list):
        kind = JSON_TYPES.get(type(objects), "a number")
        raise BackupRefused(
            f"The file holds JSON, but {kind} instead of the list of objects that "
            f"export_content writes. {NOTHING_CHANGED}"
        )
    seen = {}
    for position, item in enumerate(objects, start=1):
        model = check_object(position, item, content_models)
        # A second object with the same key would overwrite the first without a word.
        key = unique_key(model, item)
        if key is None:
            continue
        key = (model, json.dumps(key))
        if key in seen:
            raise BackupRefused(
                f"{describe(position, model, item)} is the same {model._meta.verbose_name} as "
                f"object {seen[key]}. {NOTHING_CHANGED}"
            )
        seen[key] = position
    return objects


def _json_problem(text, error):
    body = text.rstrip()
    if not body.strip():
        return "The file is empty: it holds no backup. " + NOTHING_CHANGED
    # A file cut short fails at its very end, or inside a string that never closes.
    if error.pos >= len(body) or error.msg.startswith("Unterminated string"):
        line = body.count("\n") + 1
        column = len(body) - body.rfind("\n") - 1  # of its last character
        return (
            f"The file is not a complete backup: the JSON ends at line {line}, column "
            f"{column}, before its list of objects is closed (was it cut short while being "
            f"copied?). {NOTHING_CHANGED}"
        )
    return (
        f"The file is not valid JSON: at line {error.lineno}, column {error.colno}, "
        f"{error.msg[0].lower()}{error.msg[1:]}. {NOTHING_CHANGED}"
    )


def check_object(position, item, content_models):
    if not isinstance(item, dict) or not isinstance(item.get("model"), str):
        raise BackupRefused(
            f"Object {position} in the file has no “model”, so it is not an object that "
            f"export_content writes. {NOTHING_CHANGED}"
        )
    try:
        model = apps.get_model(item["model"])
    except (LookupError, ValueError):
        raise BackupRefused(
            f"Object {position} in the file names the model {shown(item['model'])}, which "
            f"this site does not have. {NOTHING_CHANGED}"
        ) from None
    name = describe(position, model, item)
    if model not in content_models:
        allowed = get_text_list([str(m._meta.verbose_name_plural) for m in content_models], "and")
        raise BackupRefused(
            f"{name} is not content: a restore takes only {allowed}, never "
            f"{model._meta.verbose_name_plural}. {NOTHING_CHANGED}"
        )
    fields = item.get("fields")
    if not isinstance(fields, dict):
        raise BackupRefused(f"{name} has no fields. {NOTHING_CHANGED}")
    if item.get("pk") is not None:
        problem = value_problem(model._meta.pk, item["pk"])
        if problem:
            raise BackupRefused(f"{name}: its pk {problem} {NOTHING_CHANGED}")
    problem = field_problem(model, fields)
    if problem:
        raise BackupRefused(f"{name}: {problem} {NOTHING_CHANGED}")
    return model


def field_problem(model, fields):
    """The first thing wrong with an object's fields, as a sentence; None when all is well."""
    expected = {f.name: f for f in model._meta.local_fields if f.serialize}
    unknown = sorted(set(fields) - set(expected))
    if unknown:
        return f"it has a field {shown(unknown[0])}, which {model._meta.label_lower} lacks."
    for field in expected.values():
        # A file written before a field with a default was added still restores; any other
        # missing field would be stored empty without a word.
        if field.name not in fields and not (field.has_default() or field.null):
            return f"the field “{field.name}” is missing."
    for name, value in fields.items():
        problem = value_problem(expected[name], value)
        if problem:
            return f"the field “{name}” {problem}"
    return None


def value_problem(field, value):
    if value is None:
        return None if field.null else "is empty (null), and it may not be."
    if field.is_relation:
        target = field.related_model
        # Content refers to content by natural key: ids differ from database to database.
        if not isinstance(value, list) or not all(isinstance(part, str | int) for part in value):
            return (
                f"should name the {target._meta.verbose_name} by its natural key, a list "
                f'such as ["LS"], not {shown(value)}.'
            )
        return None
    try:
        field.to_python(value)
    except ValidationError as error:
        return f"is not valid: {_reasons(error, value)}"
    except (TypeError, ValueError):
        return f"cannot hold {shown(value)}."
    if field.max_length and isinstance(value, str) and len(value) > field.max_length:
        # SQLite would store it; PostgreSQL would not: the same file restores the same way.
        return f"is {len(value):,} characters long; at most {field.max_length} are allowed."
    return None


def _reasons(error, value):
    """Django's messages for a value it cannot read, with the value cut short in them."""
    reasons = []
    for each in error.error_list:
        params = {**(each.params or {}), "value": cut(value)}
        reasons.append(str(each.message) % params if "%(" in str(each.message) else each.message)
    return " ".join(str(reason) for reason in reasons)


def describe(position, model, item):
    """ "Object 3 in the file (auth.user, username “mallory”)"."""
    return f"Object {position} in the file ({model._meta.label_lower}, {identify(model, item)})"


def identify(model, item):
    """The object's pk or natural key (its unique fields), as far as the file gives them."""
    key = unique_key(model, item)
    if key is None:
        return "without a pk or natural key"
    return ", ".join(
        f"{name} {cut(value) if name == 'pk' else shown(value)}" for name, value in key
    )


def unique_key(model, item):
    """[(name, value), ...] of the pk, or else of the first unique fields the object has."""
    if item.get("pk") is not None:
        return [("pk", item["pk"])]
    fields = item.get("fields") if isinstance(item.get("fields"), dict) else {}
    for names in unique_field_sets(model):
        if names and all(name in fields for name in names):
            return [(name, fields[name]) for name in names]
    return None


def unique_field_sets(model):
    single = [(f.name,) for f in model._meta.local_fields if f.unique and not f.primary_key]
    together = [tuple(c.fields) for c in model._meta.total_unique_constraints]
    return single + together + [tuple(names) for names in model._meta.unique_together]


def cut(value, length=SHOWN_LENGTH):
    """A value as a message repeats it: cut short when long."""
    if isinstance(value, list):
        value = " ".join(str(part) for part in value)
    text = str(value)
    if len(text) > length:
        return f"{text[:length]}… ({len(text):,} characters)"
    return text


def shown(value):
    return f"“{cut(value)}”"
