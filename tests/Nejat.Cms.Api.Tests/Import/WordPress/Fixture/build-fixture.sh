#!/usr/bin/env bash
# Builds the WordPress fixture site with Debian's own WordPress and exports it, as Tools → Export does.
#
#   tests/Nejat.Cms.Api.Tests/Import/WordPress/Fixture/build-fixture.sh
#
# Installs wordpress, php-cli, php-mysql, php-gd and mariadb-server when missing (apt-get; needs root
# or sudo), starts a private MariaDB on 127.0.0.1 (a free port, data in a temporary directory), runs
# build-site.php against it (WordPress's own functions create users, categories, tags, media, posts,
# pages, menus and the Polylang-style language terms, then export_wp() writes the exports), copies
# the exports and the uploads here, and stops MariaDB again. Nothing of WordPress's code is copied.
#
# Written here (and committed):
#   export/site.xml            the whole site, one file
#   export/site-part-1.xml     the same site split in two files, each with the full header, as
#   export/site-part-2.xml     `wp export --max_file_size` splits a large site
#   export/site-edited.xml     the whole site again after one post was edited in WordPress
#   uploads/                   wp-content/uploads: the media files and the sizes WordPress made of them
#   autop-cases.json           wpautop() inputs and what WordPress made of them (the unit tests' reference)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(wordpress php-cli php-mysql php-gd mariadb-server)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    apt-cache show "${missing[0]}" >/dev/null 2>&1 || sudo_if_needed apt-get update
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

work="$(mktemp -d /tmp/nejat-wp-fixture.XXXXXX)"
chmod 755 "$work"
mariadb_pid=""
cleanup() {
    if [ -n "$mariadb_pid" ] && kill -0 "$mariadb_pid" 2>/dev/null; then
        kill "$mariadb_pid"
        wait "$mariadb_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# MariaDB refuses to run as root: as root, its data belongs to the mysql account.
user_option=()
if [ "$(id -u)" -eq 0 ]; then
    user_option=(--user=mysql)
fi
mkdir -p "$work/mysql"
[ "$(id -u)" -eq 0 ] && chown mysql:mysql "$work/mysql"
mariadb-install-db --no-defaults "${user_option[@]}" --datadir="$work/mysql" --auth-root-authentication-method=normal \
    --skip-test-db >"$work/install-db.log" 2>&1
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
/usr/sbin/mariadbd --no-defaults "${user_option[@]}" --datadir="$work/mysql" --bind-address=127.0.0.1 --port="$port" \
    --socket="$work/mysql/mysqld.sock" --pid-file="$work/mysql/mysqld.pid" --skip-log-bin >"$work/mariadb.log" 2>&1 &
mariadb_pid=$!
for _ in $(seq 1 100); do
    mariadb --no-defaults --protocol=tcp -h 127.0.0.1 -P "$port" -u root -e 'SELECT 1' >/dev/null 2>&1 && break
    sleep 0.2
done
mariadb --no-defaults --protocol=tcp -h 127.0.0.1 -P "$port" -u root \
    -e "CREATE DATABASE wordpress CHARACTER SET utf8mb4; CREATE USER 'wordpress'@'127.0.0.1' IDENTIFIED BY 'fixture'; GRANT ALL ON wordpress.* TO 'wordpress'@'127.0.0.1';"

# WordPress's content directory (uploads and the Polylang-style taxonomies) lives in the work directory.
mkdir -p "$work/wp-content/mu-plugins" "$work/wp-content/uploads" "$work/out"
cp "$here/polylang-style.php" "$work/wp-content/mu-plugins/"

wordpress() {
    WP_FIXTURE_DB_HOST="127.0.0.1:$port" WP_FIXTURE_CONTENT="$work/wp-content" WP_FIXTURE_OUT="$work/out" \
        php -d display_errors=stderr -d error_reporting=E_ALL "$here/build-site.php" "$@"
}
split_after="$(wordpress build)"
wordpress export "$work/out/site.xml"
wordpress export "$work/out/site-part-1.xml" "$split_after"
wordpress export "$work/out/site-part-2.xml" "" "$split_after"
wordpress edit
wordpress export "$work/out/site-edited.xml"
wordpress autop

rm -rf "$here/export" "$here/uploads"
mkdir -p "$here/export"
cp "$work/out/"*.xml "$here/export/"
cp "$work/out/autop-cases.json" "$here/"
cp -r "$work/wp-content/uploads" "$here/uploads"
echo "Fixture written to $here (export/, uploads/, autop-cases.json)."
