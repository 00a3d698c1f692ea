"""One result of a list or of the site search, as `components/result_list.html` draws it.

Each source turns its own rows into `ResultItem`s (the document list, the search, the home
page's newest entries), so that every list of results on the portal looks and reads the same.
The template draws the whole list in one loop: an include per row slowed an uncached list page
by a fifth or more."""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ResultItem:
    url: str
    title: str  # Vietnamese, as published
    summary: str = ""  # plain text, or safe HTML such as a highlighted snippet
    context: str = ""  # in the page's language: the area of the portal it comes from
    origin: str = ""  # in Vietnamese: the issuing body, or the kind of entry
    when: datetime.date | None = None
    when_label: str = ""  # in the page's language, before the date: "issued"
    tag: str = ""  # a status, drawn as a GOV.UK tag of class `tag_class`
    tag_class: str = ""
    subjects: str = ""  # in Vietnamese: the fields it belongs to

    def __getitem__(self, name: str):
        # The template engine tries `item[name]` first: answering it spares an exception on
        # every lookup, a quarter of the list's time.
        return getattr(self, name)

    @property
    def when_iso(self) -> str:
        return self.when.isoformat()

    @property
    def when_text(self) -> str:
        return self.when.strftime("%d/%m/%Y")
