import factory
from factory.django import DjangoModelFactory

from contacts.models import Office


class OfficeFactory(DjangoModelFactory):
    class Meta:
        model = Office

    name = factory.Sequence(lambda n: f"Regional Office for Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    kind = Office.Kind.REGIONAL
    city = "Pretoria"
    country = "ZA"
    address = "Walker Creek Office Park, Building Number 4\nPretoria\nSouth Africa"
    telephone = "+27 12 342 14 97"
    email = factory.Sequence(lambda n: f"office{n}@iom.int")
    website = "https://ropretoria.iom.int/"
