"""Printable PDFs (the programme's documents, the board report, the subject access bundle):
tagged (PDF/UA-1), so screen readers can read them, and self-contained (nothing is fetched from
outside while rendering)."""

from django.http import HttpResponse
from django.template.loader import render_to_string

PDF_VARIANT = "pdf/ua-1"


def pdf_bytes(html: str) -> bytes:
    """The PDF of a complete HTML document (which carries its own styles and pictures)."""
    # Imported here: WeasyPrint loads system libraries that only the downloads need.
    import weasyprint
    from weasyprint.urls import URLFetcher

    # Pictures travel inside the document as data: URLs; every other address is refused.
    fetcher = URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant=PDF_VARIANT)


def pdf_response(template: str, context: dict, *, filename: str, request=None) -> HttpResponse:
    html = render_to_string(template, context, request=request)
    response = HttpResponse(pdf_bytes(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
