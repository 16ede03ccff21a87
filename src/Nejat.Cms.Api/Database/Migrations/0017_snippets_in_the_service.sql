-- Snippets are made by the service (Features/Search/SearchSnippets.cs), which keeps the parses of the
-- words it has seen; parsing every word of every result here on every search was most of its cost.
DROP FUNCTION search_snippet(regconfig, text, text[], integer);
