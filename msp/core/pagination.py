"""Pages of a long list, with the count a reader needs ("Showing 1 to 50 of 4,213")."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator

PER_PAGE = 50


@dataclass
class ListPage:
    items: list
    number: int
    pages: int
    total: int
    first: int  # position of the first item shown (1-based; 0 when the list is empty)
    last: int
    previous_url: str
    next_url: str

    @property
    def total_shown(self) -> str:
        """The total as a reader writes it: 4,213."""
        return f"{self.total:,}"

    @property
    def showing(self) -> str:
        if not self.total:
            return "Showing 0 of 0"
        return f"Showing {self.first:,} to {self.last:,} of {self.total:,}"


def page_of(items, request, *, per_page: int = PER_PAGE, param: str = "page") -> ListPage:
    """One page of `items` (a queryset, ordered) as asked for by `?page=`, with the links to the
    pages either side that keep the request's other parameters. A page number out of range
    shows the nearest page rather than an error. A page holding several lists gives each its
    own `param`, so turning the pages of one leaves the others where they are."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get(param))
    params = request.GET.copy()

    def link(number: int) -> str:
        params[param] = str(number)
        return "?" + urlencode(sorted(params.items()))

    total = paginator.count
    return ListPage(
        items=list(page.object_list),
        number=page.number,
        pages=paginator.num_pages,
        total=total,
        first=page.start_index() if total else 0,
        last=page.end_index() if total else 0,
        previous_url=link(page.previous_page_number()) if page.has_previous() else "",
        next_url=link(page.next_page_number()) if page.has_next() else "",
    )
