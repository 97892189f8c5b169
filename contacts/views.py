from django.shortcuts import get_object_or_404, render

from contacts.models import Office


def office_detail(request, slug):
    office = get_object_or_404(Office, slug=slug)
    # Countries live in the profiles app; reverse relations keep imports one way.
    purview = office.purview_countries.visible_to(request.user)
    contact_for = office.contact_countries.visible_to(request.user)
    return render(
        request,
        "contacts/office_detail.html",
        {"office": office, "purview": purview, "contact_for": contact_for},
    )
