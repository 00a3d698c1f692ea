"""PostgreSQL's search machinery for SearchEntry: unaccent behind an IMMUTABLE wrapper, a text
search configuration that folds diacritics, a generated tsvector with a GIN index, and trigram
indexes for phrase and document-number matches in titles and keywords (with and without
diacritics). Other databases (SQLite,
the embedded default) search the normalised columns instead, so this migration skips them."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public",
    # unaccent() is only STABLE (its dictionary could change), so it cannot appear in a generated
    # column or an index; naming the dictionary explicitly makes this wrapper safe to mark
    # IMMUTABLE.
    """
    CREATE OR REPLACE FUNCTION public.f_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
    """,
    # "simple" (no stemming, no stop words: Vietnamese words are single syllables) plus unaccent.
    """
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'portal_vi') THEN
        CREATE TEXT SEARCH CONFIGURATION public.portal_vi (COPY = pg_catalog.simple);
        ALTER TEXT SEARCH CONFIGURATION public.portal_vi
          ALTER MAPPING FOR word, hword, hword_part WITH public.unaccent, pg_catalog.simple;
      END IF;
    END $$
    """,
    # f_unaccent first: the parser sends numwords, paths and hosts ("NĐ59", "59/2019/NĐ-CP")
    # past the unaccent mapping. Slashes become spaces so "59/2019" yields the words 59 and 2019.
    # strip() drops word positions, which nothing reads (no ts_rank), and halves the column.
    """
    ALTER TABLE portal_searchentry ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
      strip(to_tsvector('public.portal_vi'::regconfig, translate(public.f_unaccent(
        title || ' ' || keywords || ' ' || summary || ' ' || body), '/', ' ')))
    ) STORED
    """,
    # Results are read newest first (NULLS LAST: undated pages after dated ones), so that a
    # common word costs a short walk of this index instead of a pass over all its matches.
    """
    CREATE INDEX search_entry_recent ON portal_searchentry
    (published_at DESC NULLS LAST, id DESC)
    """,
    """
    CREATE INDEX search_entry_area_recent ON portal_searchentry
    (area, published_at DESC NULLS LAST, id DESC)
    """,
    "CREATE INDEX search_entry_vector ON portal_searchentry USING gin (search_vector)",
    """
    CREATE INDEX search_entry_heading_trgm ON portal_searchentry
    USING gin (heading_norm public.gin_trgm_ops)
    """,
    """
    CREATE INDEX search_entry_heading_exact_trgm ON portal_searchentry
    USING gin (heading_exact public.gin_trgm_ops)
    """,
]

BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_heading_exact_trgm",
    "DROP INDEX IF EXISTS search_entry_heading_trgm",
    "DROP INDEX IF EXISTS search_entry_vector",
    "DROP INDEX IF EXISTS search_entry_area_recent",
    "DROP INDEX IF EXISTS search_entry_recent",
    "ALTER TABLE portal_searchentry DROP COLUMN IF EXISTS search_vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS public.portal_vi",
    "DROP FUNCTION IF EXISTS public.f_unaccent(text)",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_searchentry")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD), elidable=False)]
