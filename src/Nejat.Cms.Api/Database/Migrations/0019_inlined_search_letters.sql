-- search_config_letters as an expression PostgreSQL inlines into the statements that call it, as it
-- does search_prepare and search_normalize. A STRICT SQL function is inlined only when its body is
-- strict too, and the CASE it had is not: every statement that prepared a query ran it as a function
-- of its own, parsed, planned and started again on every execution (0.05 ms of each search's
-- statements, 6 % of PostgreSQL's time serving a common-word search). substr() picks the letter ة
-- becomes: itself for the arabic configuration, ه for the others. The results are the same.
CREATE OR REPLACE FUNCTION search_config_letters(config regconfig, input text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN replace(search_letters(input), U&'\0629', substr(U&'\0647\0629', (config = 'arabic'::regconfig)::integer + 1, 1));
