-- The time zone an edition's dates are shown in: posts' display dates, archive months and date-only
-- from/to bounds. An IANA name, which PostgreSQL (day counts) and .NET (dates and bounds) read from the
-- same tz database; an unknown name fails the CHECK's conversion, so it can never be stored.
ALTER TABLE editions ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC'
    CONSTRAINT editions_time_zone_name CHECK (
        time_zone ~ '^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$'
        AND (TIMESTAMPTZ '2000-01-01 00:00:00+00' AT TIME ZONE time_zone) IS NOT NULL);

-- Where each edition's readers and desk are: Tehran for Farsi; Riyadh (UTC+3 all year, as Baghdad,
-- Kuwait and Qatar; Cairo is an hour behind) for Arabic; Tirana for Albanian. English serves an
-- international readership: UTC, so its dates are those of publishedAt.
UPDATE editions SET time_zone = 'Asia/Tehran' WHERE code = 'fa';
UPDATE editions SET time_zone = 'Asia/Riyadh' WHERE code = 'ar';
UPDATE editions SET time_zone = 'Europe/Tirane' WHERE code = 'sq';
