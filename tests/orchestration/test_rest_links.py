"""A section amended over the API with hostile links, then re-delivered.

The package's PDF and HTML report link only http(s), mailto and in-document anchors;
every link's text stays.
"""

import pytest

from production import api as production_api
from tests.delivery.pdftext import link_targets, link_uris, page_lines
from tests.links import SAFE, SAFE_LINKED, UNSAFE, read_links

pytestmark = pytest.mark.django_db

# Control characters are refused at the API's door; the renderers' tests cover them.
_UNSAFE = [(text, target) for text, target in UNSAFE if text != "controlchar"]
BODY = "\n\n".join(
    [
        "A free first check-up, at a time that suits busy professionals.",
        *(f"Read [{text}]({target}) here." for text, target in _UNSAFE),
        *(f"Read [{text}]({target}) here." for text, target, _linked in SAFE),
        "Back to the [contentsanchor](#contents) here.",
    ]
)
LABELS = [
    *(text for text, _target in _UNSAFE),
    *(text for text, _target, _linked in SAFE),
    "contentsanchor",
]


def _download(client, package_id, name) -> bytes:
    response = client.get(f"/api/v1/packages/{package_id}/artifacts/{name}/")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_an_amended_section_reaches_the_package_with_only_safe_links(operator, start):
    draft_id = start().outputs["draft_id"]
    version = production_api.draft_get(draft_id=draft_id).version
    amended = operator.put(
        f"/api/v1/drafts/{draft_id}/sections/final_summary/",
        {"body": BODY, "expected_version": version},
        format="json",
    )
    assert amended.status_code == 200

    response = operator.post(f"/api/v1/drafts/{draft_id}/redeliver/", {}, format="json")

    assert response.status_code == 201
    package_id = response.json()["outputs"]["package_id"]
    page = _download(operator, package_id, "report.html").decode()
    section = read_links(
        page,
        lambda tag, attributes: (
            tag == "section" and attributes.get("id") == "final_summary"
        ),
    )
    assert [href for href, _text in section.links] == [*SAFE_LINKED, "#contents"]
    assert all(f" {label} here." in "".join(section.text) for label in LABELS)
    for needle in ("javascript", "vbscript", "data:", "file:", "//evil", "tel:"):
        assert needle not in page.lower()

    pdf = _download(operator, package_id, "report.pdf")
    lines = page_lines(pdf)
    pages = range(1, len(lines) + 1)
    assert [uri for number in pages for uri in link_uris(pdf, number)] == SAFE_LINKED
    summary_pages = [
        number for number in pages if "contentsanchor" in lines[number - 1]
    ]
    assert [
        target for number in summary_pages for target in link_targets(pdf, number)
    ] == [2]
    text = " ".join(lines)
    assert all(label in text for label in LABELS)
    for action in (b"/GoToR", b"/Launch", b"/JavaScript", b"/JS "):
        assert action not in pdf
