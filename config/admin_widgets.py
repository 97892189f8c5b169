"""Admin form fields that assistive technology can name (WCAG 2.1, 4.1.2).

Django's tabular inlines label their inputs only through column headings, and its
select2 autocomplete names its combobox by the text shown, which is empty until a choice is
made. These give every such input a name of its own.
"""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.forms.models import BaseInlineFormSet
from django.utils.text import capfirst
from django.utils.translation import gettext


class NamedAutocompleteSelect(AutocompleteSelect):
    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs["data-placeholder"] = gettext("Choose %(field)s") % {"field": self.field.verbose_name}
        return attrs


class NamedAutocompleteMixin:
    """For a ModelAdmin or an inline: its autocomplete fields say what they are for."""

    autocomplete_width = None  # select2's own width, e.g. "11em" to leave room in a table

    class Media:
        js = ["js/admin-names.js"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            attrs = {"data-width": self.autocomplete_width} if self.autocomplete_width else None
            kwargs["widget"] = NamedAutocompleteSelect(
                db_field, self.admin_site, attrs=attrs, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class LabelledInlineFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if index is None:
            row = gettext("new row")
        else:
            row = gettext("row %(number)s") % {"number": index + 1}
        for name, field in form.fields.items():
            widget = getattr(
                field.widget, "widget", field.widget
            )  # inside the related-links wrapper
            label = gettext("Delete") if name == "DELETE" else capfirst(str(field.label or name))
            # Translators: an inline form's field and its row, e.g. "Year, row 2".
            widget.attrs.setdefault(
                "aria-label", gettext("%(field)s, %(row)s") % {"field": label, "row": row}
            )


class NamedTabularInline(NamedAutocompleteMixin, admin.TabularInline):
    formset = LabelledInlineFormSet
