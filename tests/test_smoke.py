from django.urls import reverse


def test_seed_page_renders(client, demo):
    response = client.get(reverse("profiles:country", kwargs={"slug": "lesotho"}))
    assert response.status_code == 200
    assert "2.1 million" in response.text
