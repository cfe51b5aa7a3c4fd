"""The words of Pagefind's search widget, taken from the site's catalogue.

Pagefind's widget carries translations of its own for some forty languages and picks one by the page's
`<html lang>`; Malay is not among them, nor is every language a desk may add, and a widget in English
on a Malay page is the mix a site must not show. So the catalogue's translations of these strings go to
the widget (its `translations` option); what the catalogue does not translate is left to Pagefind.
"""

from __future__ import annotations

from generator.core.languages import Interface


def N_(text: str) -> str:
    """Marks a msgid for extraction (Babel's keyword); the text is translated where it is used."""
    return text


# The strings Pagefind's default widget shows, by its own keys. [SEARCH_TERM] and [COUNT] are Pagefind's.
WIDGET_STRINGS = {
    "placeholder": N_("Search"),
    "clear_search": N_("Clear"),
    "load_more": N_("Load more results"),
    "search_label": N_("Search this site"),
    "filters_label": N_("Filters"),
    "zero_results": N_("No results for [SEARCH_TERM]"),
    "many_results": N_("[COUNT] results for [SEARCH_TERM]"),
    "one_result": N_("[COUNT] result for [SEARCH_TERM]"),
    "searching": N_("Searching for [SEARCH_TERM]..."),
}


def widget_translations(interface: Interface | None) -> dict[str, str]:
    """Pagefind's `translations` option for this interface: each string the catalogue translates."""
    if interface is None:
        return {}
    found = {}
    for key, msgid in WIDGET_STRINGS.items():
        if interface.has(msgid):
            found[key] = interface.translations.gettext(msgid)
    return found
