"""Reading the product's PDFs in tests: their structure, with compressed streams inflated."""

import re
import zlib


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF with every compressed stream inflated, so tests can look for its structure."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def assert_tagged_pdf(pdf: bytes) -> None:
    """A PDF/UA-1 document: tagged structure, marked content, its language and title shown."""
    assert pdf.startswith(b"%PDF-1.7")
    body = pdf_objects(pdf)
    for marker in (b"/StructTreeRoot", b"/MarkInfo", b"/Lang", b"DisplayDocTitle", b"pdfuaid"):
        assert marker in body, marker
