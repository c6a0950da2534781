#!/usr/bin/env bash
# Checkout load benchmark of the Release binary, on loopback only.
#
# Builds the load generator (bench/checkout_load.cpp, CMake option
# EMPORIUM_BENCH) if needed, starts build/emporium on a free 127.0.0.1 port
# with its embedded PostgreSQL in a temporary data directory, creates a
# seller with `emporium user create`, then runs
#
#   checkout_load --clients 32 --products 20 --warmup 5 --duration 30
#
# which signs the seller in, creates the products with a huge stock,
# registers the customers, and has each customer walk the checkout in a loop
# (guest cart, 2 items, shipping quote, POST /orders with the test card and a
# unique Idempotency-Key). It prints completed checkouts/s and the latency
# percentiles of POST /orders. The server is stopped with SIGTERM at the end.
#
#   cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build --target emporium
#   bench/checkout_load.sh
#
# Environment:
#   EMPORIUM_BINARY     binary to measure (default: build/emporium)
#   BENCH_BUILD_DIR     where the load generator is built (default: build-bench, Release)
#   BENCH_GENERATOR     a load generator built elsewhere (skips that build)
#   BENCH_CLIENTS       concurrent customers (default 32)
#   BENCH_PRODUCTS      products in the shop (default 20)
#   BENCH_DURATION      measured seconds (default 30)
#   BENCH_WARMUP        unmeasured seconds first (default 5)
#   BENCH_DB_POOL       the server's database pool and worker threads (default 2 x cores + 1,
#                       PostgreSQL's usual starting point: 5 here, where it beat the shipped 8
#                       side by side; more only adds contention on 2 cores)
#   BENCH_MAIL_DIR      parent of the mail drop (default /dev/shm when it is writable; see below)
# The server runs with rate limits off, the access log at warn and cheap
# password hashing (registration is set-up, not under test); any other
# EMPORIUM_* setting applies as usual. PostgreSQL's data stays on disk and
# syncs every commit, as a shop's does. The development mail drop (one .eml
# file per email, the stand-in for the SMTP relay a shop configures) goes to
# tmpfs: on this machine's journal-less ext4 creating a file costs about
# 0.7 ms of kernel CPU per checkout in inode allocation, a cost of the file
# drop that no shop sending through SMTP pays (docs/performance.md).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
binary=${EMPORIUM_BINARY:-$root/build/emporium}
build_dir=${BENCH_BUILD_DIR:-$root/build-bench}
clients=${BENCH_CLIENTS:-32}
products=${BENCH_PRODUCTS:-20}
duration=${BENCH_DURATION:-30}
warmup=${BENCH_WARMUP:-5}

for tool in cmake curl python3; do
  command -v "$tool" >/dev/null || { echo "checkout_load: $tool is missing; run scripts/deps.sh test" >&2; exit 1; }
done
[[ -x "$binary" ]] || { echo "checkout_load: no binary at $binary; build it first (Release)" >&2; exit 1; }

generator=${BENCH_GENERATOR:-$build_dir/bench/checkout_load}
if [[ -z "${BENCH_GENERATOR:-}" && ( ! -x "$generator" || "$root/bench/checkout_load.cpp" -nt "$generator" ) ]]; then
  cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEMPORIUM_BENCH=ON -DEMPORIUM_TESTS=OFF >/dev/null
  cmake --build "$build_dir" --target checkout_load >/dev/null
fi

work_dir=$(mktemp -d -t emporium-checkout-bench.XXXXXX)
# As root the embedded PostgreSQL runs as `postgres`, who must reach the cluster.
chmod 0755 "$work_dir"
data_dir=$work_dir/data
mkdir -p "$data_dir"
chmod 0755 "$data_dir"
mail_parent=${BENCH_MAIL_DIR:-/dev/shm}
mail_dir=""
if [[ -d "$mail_parent" && -w "$mail_parent" ]]; then
  mail_dir=$(mktemp -d "$mail_parent/emporium-bench-mail.XXXXXX")
  ln -s "$mail_dir" "$data_dir/mail"
fi
server_log=$work_dir/server.log
# shellcheck source=bench/bench_server.sh
source "$root/bench/bench_server.sh"
cleanup() {
  bench_stop_server
  rm -rf "$work_dir"
  if [[ -n "$mail_dir" ]]; then rm -rf "$mail_dir"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export EMPORIUM_LOG_LEVEL=${EMPORIUM_LOG_LEVEL:-warn}
export EMPORIUM_RATE_LIMITS_DEFAULT_PER_SECOND=${EMPORIUM_RATE_LIMITS_DEFAULT_PER_SECOND:-0}
export EMPORIUM_RATE_LIMITS_AUTH_PER_SECOND=${EMPORIUM_RATE_LIMITS_AUTH_PER_SECOND:-0}
export EMPORIUM_DB_POOL_SIZE=${BENCH_DB_POOL:-$((2 * $(nproc) + 1))}
export EMPORIUM_USER_ARGON2_OPSLIMIT=${EMPORIUM_USER_ARGON2_OPSLIMIT:-1}
export EMPORIUM_USER_ARGON2_MEMLIMIT_BYTES=${EMPORIUM_USER_ARGON2_MEMLIMIT_BYTES:-8192}

bench_start_server "$binary" "$data_dir" "$server_log"

seller_email="bench-seller-$$@example.com"
password="bench password $$"
"$binary" user create --email "$seller_email" --password "$password" --role seller \
  --database-url "host=$data_dir/postgres/run port=5432 dbname=emporium user=postgres" >"$work_dir/user.log" 2>&1 || {
  echo "checkout_load: could not create the seller:" >&2
  cat "$work_dir/user.log" >&2
  exit 1
}

echo "emporium:   $("$binary" --version 2>&1 | head -n 1)"
echo "machine:    $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "server:     db pool $EMPORIUM_DB_POOL_SIZE, log level $EMPORIUM_LOG_LEVEL, rate limits off, mail drop in ${mail_dir:-$data_dir/mail}"
echo "load:       $clients customers, ${warmup}s warm-up, ${duration}s measured (client, server and PostgreSQL share the machine)"
status=0
"$generator" --port "$port" --seller-email "$seller_email" --password "$password" --clients "$clients" \
  --products "$products" --duration "$duration" --warmup "$warmup" || status=$?

if ! kill -0 "$server_pid" 2>/dev/null; then
  echo "checkout_load: the server died under load; its log ends:" >&2
  tail -n 40 "$server_log" >&2
  exit 1
fi
echo
curl -fsS "$base_url/metrics" | grep -E '^emporium_(outbox_backlog|event_deliveries_pending|db_pool)' || true
exit "$status"
