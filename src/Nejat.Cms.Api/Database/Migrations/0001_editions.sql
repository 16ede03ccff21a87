-- The publisher's editions. The code is the edition's natural key and appears in every public URL.
CREATE TABLE editions (
    code       text PRIMARY KEY CONSTRAINT editions_code_format CHECK (code ~ '^[a-z]{2,3}(-[a-z0-9]{2,8})*$'),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    direction  text NOT NULL CHECK (direction IN ('ltr', 'rtl')),
    locale     text NOT NULL CHECK (length(locale) BETWEEN 2 AND 35),
    is_default boolean NOT NULL DEFAULT false,
    position   integer NOT NULL DEFAULT 0
);

-- At most one default edition.
CREATE UNIQUE INDEX editions_single_default_idx ON editions (is_default) WHERE is_default;

INSERT INTO editions (code, name, direction, locale, is_default, position) VALUES
    ('en', 'English', 'ltr', 'en', true, 1),
    ('ar', 'عربي', 'rtl', 'ar', false, 2),
    ('fa', 'فارسی', 'rtl', 'fa-IR', false, 3),
    ('sq', 'Shqip', 'ltr', 'sq-AL', false, 4);
