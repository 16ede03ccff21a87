#!/usr/bin/env bash
# The service's resident memory (VmRSS, sampled every 20 ms) while large files are uploaded:
#  1. a 200 MiB MP4, which streams to disk;
#  2. one 49-megapixel PNG (7000x7000, about 160 kB on disk, made by large-png.py), until all its
#     renditions are made (they are made in the background after the upload answers);
#  3. four such PNGs (distinct bytes, so none is deduplicated) uploaded at once, until all their
#     renditions are made;
#  4. the same, with every rendition of the four asked for at once as soon as the uploads answer (made
#     on demand, not waiting for the background), as an attacker would.
# Each figure is the peak above the RSS measured just before (idle), each on a fresh start of the built
# service on its own data directory and embedded PostgreSQL, on port 5099; removes everything at the end.
# MEASURE picks measurements (default "video one four asked"); PNG_ARGS are more arguments for large-png.py
# (e.g. "--alpha --depth 16 --interlaced"); IMAGE=FILE uploads that JPEG, PNG or WebP instead, each copy
# with a byte of its own appended (no deduplication); the service's settings (Cms__ImageWorkers=2) pass through.
set -euo pipefail
cd "$(dirname "$0")/../.."
bench=tests/Nejat.Cms.Bench
work=$(mktemp -d)
chmod o+x "$work" # when run as root, the embedded PostgreSQL runs as postgres and must reach its data directory
key="upload-memory-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
base=http://127.0.0.1:5099
pid=
trap '[[ -n $pid ]] && kill -TERM "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

# An MP4 header (ftyp isom) followed by 200 MiB of random bytes.
{ printf '\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2'; head -c 209715200 /dev/urandom; } > "$work/video.mp4"
measurements=${MEASURE:-video one four asked}
for seed in 1 2 3 4 5; do
  if [[ -n ${IMAGE:-} ]]; then
    { cat "$IMAGE"; printf '%s' "$seed"; } > "$work/image-$seed"
  else
    # shellcheck disable=SC2086 # PNG_ARGS are several arguments
    python3 "$bench/large-png.py" "$work/image-$seed" --size 7000 --seed "$seed" ${PNG_ARGS:-}
  fi
done
case ${IMAGE:-x.png} in
  *.jpg | *.jpeg) image_type=image/jpeg ;;
  *.webp) image_type=image/webp ;;
  *) image_type=image/png ;;
esac
what=$([[ -n ${IMAGE:-} ]] && basename "$IMAGE" || echo "49-megapixel PNG")
dotnet build -c Release -v q -o "$work/bin" src/Nejat.Cms.Api >/dev/null

rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
# Each measurement has a service of its own, started afresh on an empty data directory, so none
# inherits memory another left behind.
start_service() {
  rm -rf "$work/data"
  Cms__DataDir="$work/data" Cms__BootstrapAdminKey="$key" ASPNETCORE_URLS=$base \
    dotnet "$work/bin/Nejat.Cms.Api.dll" >"$work/service.log" 2>&1 &
  pid=$!
  until curl -sf $base/health/ready >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/service.log"; exit 1; }
    sleep 0.5
  done
  # A small upload first, so the route, its code and the connection pool are warm.
  upload warm-up "$work/small.mp4" video/mp4 >/dev/null
}
stop_service() { kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; }
# upload LABEL FILE TYPE: uploads, prints the status and time, keeps the answer in $work/LABEL.json.
upload() {
  curl -s -o "$work/$1.json" -w "$1: HTTP %{http_code}, %{size_upload} bytes in %{time_total} s\n" \
    -H "Authorization: Bearer $key" -F "file=@$2;type=$3" $base/v1/admin/media
}
# renditions_made LABEL...: waits until every rendition the answers list exists on disk.
renditions_made() {
  local label sha expected dir
  for label in "$@"; do
    sha=$(jq -r .sha256 "$work/$label.json")
    expected=$(jq '.renditions | length' "$work/$label.json")
    dir="$work/data/media/renditions/${sha:0:2}/$sha"
    until [[ $(find "$dir" -maxdepth 1 -type f 2>/dev/null | wc -l) -ge $expected ]]; do sleep 0.1; done
  done
}
# measure TITLE COMMAND...: on a fresh service, the peak RSS above idle while the command runs.
measure() {
  local title=$1 before after peak start sampler
  shift
  start_service
  sleep 2
  before=$(rss)
  ( while sleep 0.02; do rss; done ) > "$work/samples" &
  sampler=$!
  start=$(date +%s.%N)
  "$@"
  kill "$sampler"
  wait "$sampler" 2>/dev/null || true
  after=$(rss)
  peak=$(sort -n "$work/samples" | tail -1)
  printf '%s: VmRSS before %d MiB, peak %d MiB (+%d MiB), after %d MiB; %.1f s\n' "$title" \
    $((before / 1024)) $((peak / 1024)) $(((peak - before) / 1024)) $((after / 1024)) "$(echo "$(date +%s.%N) - $start" | bc)"
  stop_service
}

one_image() { upload image-1 "$work/image-1" $image_type; renditions_made image-1; }
upload_four() {
  local n uploads=()
  for n in 2 3 4 5; do
    upload "image-$n" "$work/image-$n" $image_type &
    uploads+=($!)
  done
  wait "${uploads[@]}"
}
four_images() { upload_four; renditions_made image-2 image-3 image-4 image-5; }
four_images_asked() {
  local url requests=()
  upload_four
  for url in $(jq -r '.renditions[].url' "$work"/image-[2-5].json); do
    curl -s -o /dev/null "$base$url" &
    requests+=($!)
  done
  wait "${requests[@]}"
  renditions_made image-2 image-3 image-4 image-5
}

head -c 100000 "$work/video.mp4" > "$work/small.mp4"
for measurement in $measurements; do
  case $measurement in
    video) measure "200 MiB video" upload video "$work/video.mp4" video/mp4 ;;
    one) measure "one $what and its renditions" one_image ;;
    four) measure "four ${what}s at once and their renditions" four_images ;;
    asked) measure "four ${what}s at once, every rendition asked for at once" four_images_asked ;;
    *) echo "MEASURE names video, one, four and asked, not $measurement" >&2; exit 1 ;;
  esac
done
