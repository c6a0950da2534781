#!/usr/bin/env bash
# Catalog load benchmark of the Release binary, on loopback only.
#
# Seeds BENCH_PRODUCTS demo products (`emporium seed`) into a data directory,
# starts build/emporium on a free 127.0.0.1 port, waits for /readyz, then
# runs wrk against
#   GET /api/v1/products?page=1
#   GET /api/v1/products/{id}        ids at random from BENCH_IDS products (catalog_load.lua)
#   GET /api/v1/products/search?q=   varied queries and pages (catalog_load.lua)
# and prints requests/s, latency percentiles and the server's memory (RSS)
# after each endpoint, then stops the server.
#
#   cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build --target emporium
#   bench/catalog_load.sh
#
# Environment:
#   EMPORIUM_BINARY    binary to measure (default: build/emporium)
#   BENCH_PRODUCTS     products to seed (default 100000)
#   BENCH_DATA_DIR     keep the seeded data here and reuse it on later runs
#                      (default: a temporary directory, removed at the end)
#   BENCH_IDS          how many different products the detail run asks for (default 5000)
#   BENCH_THREADS      wrk threads (default 2)
#   BENCH_CONNECTIONS  open connections (default 64)
#   BENCH_DURATION     per endpoint (default 20s)
#   BENCH_WARMUP       unmeasured run before each endpoint (default 5s; 0 skips)
# The server runs with the rate limits of the default class off and the
# access log at warn; any other EMPORIUM_* setting applies as usual (e.g.
# EMPORIUM_CATALOG_CACHE_ENABLED=false measures the database path alone).
# Needs wrk, curl and python3: scripts/deps.sh test installs them.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
binary=${EMPORIUM_BINARY:-$root/build/emporium}
# shellcheck source=bench/bench_server.sh
source "$root/bench/bench_server.sh"
products=${BENCH_PRODUCTS:-100000}
id_count=${BENCH_IDS:-5000}
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-64}
duration=${BENCH_DURATION:-20s}
warmup=${BENCH_WARMUP:-5s}

if ! command -v wrk >/dev/null || ! command -v curl >/dev/null || ! command -v python3 >/dev/null; then
  echo "catalog_load: needs wrk, curl and python3; run scripts/deps.sh test" >&2
  exit 1
fi
[[ -x "$binary" ]] || { echo "catalog_load: no binary at $binary; build it first (Release)" >&2; exit 1; }

work_dir=$(mktemp -d -t emporium-catalog-bench.XXXXXX)
# As root the embedded PostgreSQL runs as `postgres`, who must reach the cluster.
chmod 0755 "$work_dir"
data_dir=${BENCH_DATA_DIR:-$work_dir/data}
mkdir -p "$data_dir"
chmod 0755 "$data_dir"
server_log=$work_dir/server.log
cleanup() {
  bench_stop_server
  rm -rf "$work_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export EMPORIUM_LOG_LEVEL=${EMPORIUM_LOG_LEVEL:-warn}
export EMPORIUM_RATE_LIMITS_DEFAULT_PER_SECOND=0

started=$SECONDS
"$binary" seed --products "$products" --data-dir "$data_dir" >"$work_dir/seed.log" 2>&1 || {
  echo "catalog_load: seeding failed:" >&2
  tail -n 20 "$work_dir/seed.log" >&2
  exit 1
}
echo "seed:       $products products in $((SECONDS - started))s (a no-op when $data_dir was seeded before)"

bench_start_server "$binary" "$data_dir" "$server_log" || exit 1

# The first start after a seed delivers the stock events that fill in_stock;
# measuring while they invalidate the cache would measure the seed.
deadline=$((SECONDS + 300))
until curl -fsS "$base_url/metrics" |
  awk '/^emporium_(outbox_backlog|event_deliveries_pending) / { pending += $2 } END { exit pending > 0 }'; do
  if ((SECONDS >= deadline)); then
    echo "catalog_load: events still pending after 300s; measuring anyway" >&2
    break
  fi
  sleep 0.5
done

# Product ids spread over the whole catalog: pages of 100 at even steps.
ids_file=$work_dir/ids.txt
python3 - "$base_url" "$id_count" >"$ids_file" <<'EOF'
import json, sys, urllib.request
base, wanted = sys.argv[1], int(sys.argv[2])
def page(number):
    with urllib.request.urlopen(f"{base}/api/v1/products?sort=name&per_page=100&page={number}") as response:
        return json.load(response)
first = page(1)
pages = max(1, (first["total"] + 99) // 100)
count = max(1, min(pages, (wanted + 99) // 100))
for i in range(count):
    for product in page(1 + i * pages // count)["results"]:
        print(product["id"])
EOF
export BENCH_IDS_FILE=$ids_file

rss() {
  awk '/^VmRSS:/ { rss = $2 } /^VmHWM:/ { hwm = $2 } END { printf "%d MiB (peak %d MiB)", rss / 1024, hwm / 1024 }' \
    "/proc/$server_pid/status"
}

echo "emporium:   $("$binary" --version 2>&1 | head -n 1)"
echo "machine:    $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "load:       wrk -t$threads -c$connections -d$duration (client, server and PostgreSQL share the machine)"
echo "ids:        $(wc -l <"$ids_file") different products in the detail run"
echo "rss:        $(rss) after start-up"
echo

names=("GET /api/v1/products?page=1" "GET /api/v1/products/{id}" "GET /api/v1/products/search?q=...")
targets=("$base_url/api/v1/products?page=1" "$base_url" "$base_url")
modes=("" detail search)
summary=()
for i in "${!names[@]}"; do
  script_args=()
  [[ -n "${modes[$i]}" ]] && script_args=(-s "$root/bench/catalog_load.lua")
  export BENCH_MODE=${modes[$i]}
  if [[ "$warmup" != 0 && "$warmup" != 0s ]]; then
    wrk -t"$threads" -c"$connections" -d"$warmup" "${script_args[@]}" "${targets[$i]}" >/dev/null
  fi
  echo "== ${names[$i]}"
  output=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "${script_args[@]}" "${targets[$i]}")
  echo "$output"
  memory=$(rss)
  echo "rss: $memory"
  echo
  summary+=("$(awk -v name="${names[$i]}" -v memory="$memory" '
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = $2 }
    /^ +90%/ { p90 = $2 }
    /^ +99%/ { p99 = $2 }
    /Non-2xx or 3xx responses:/ { bad = $5 }
    END { printf "| `%s` | %s | %s | %s | %s | %s | %s |", name, rps, p50, p90, p99, (bad ? bad : 0), memory }
  ' <<<"$output")")
done

if ! kill -0 "$server_pid" 2>/dev/null; then
  echo "catalog_load: the server died under load; its log ends:" >&2
  tail -n 40 "$server_log" >&2
  exit 1
fi
curl -fsS "$base_url/metrics" | grep -E '^emporium_catalog_cache_(hits_total|misses_total|bytes|entries) ' || true
echo
echo "| endpoint | requests/s | p50 | p90 | p99 | non-2xx | server RSS after |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
printf '%s\n' "${summary[@]}"
