#!/usr/bin/env bash
# HTTP load benchmark of the Release binary, on loopback only.
#
# Starts build/emporium (with its embedded PostgreSQL in a temporary data
# directory) on a free 127.0.0.1 port, waits for /readyz, then runs wrk
# against /healthz (no I/O beyond the socket) and /readyz (one database
# round trip through the worker pool), prints the figures and stops the server.
#
#   ./scripts/run      # or any Release build into build/, once
#   bench/http_load.sh
#
# Environment:
#   EMPORIUM_BINARY    binary to measure (default: build/emporium)
#   BENCH_THREADS      wrk threads (default 2)
#   BENCH_CONNECTIONS  open connections (default 64)
#   BENCH_DURATION     per endpoint (default 15s)
#   BENCH_WARMUP       unmeasured run before each endpoint (default 3s; 0 skips)
#   BENCH_ENDPOINTS    paths to measure (default "/healthz /readyz")
# Any EMPORIUM_* setting applies to the server as usual (e.g.
# EMPORIUM_LOG_LEVEL=warn to leave the access log out of the figures).
# Needs wrk, curl and python3: scripts/deps.sh test installs them.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
binary=${EMPORIUM_BINARY:-$root/build/emporium}
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-64}
duration=${BENCH_DURATION:-15s}
warmup=${BENCH_WARMUP:-3s}
read -r -a endpoints <<<"${BENCH_ENDPOINTS:-/healthz /readyz}"

for tool in wrk curl python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "http_load: $tool is missing; run scripts/deps.sh test" >&2
    exit 1
  fi
done
if [[ ! -x "$binary" ]]; then
  echo "http_load: no binary at $binary; build it first (./scripts/run builds build/emporium)" >&2
  exit 1
fi

# A port the kernel just handed out and took back is free for the server.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base_url="http://127.0.0.1:$port"

work_dir=$(mktemp -d -t emporium-bench.XXXXXX)
# As root the embedded PostgreSQL runs as `postgres`, who must be able to
# reach the cluster directory below this one.
chmod 0755 "$work_dir"
server_log=$work_dir/server.log
server_pid=""

# Reaps a server that exited by itself and shows why.
report_exit() {
  local status=0
  wait "$server_pid" 2>/dev/null || status=$?
  server_pid=""
  echo "http_load: the server exited $1 with status $status; its log ends:" >&2
  tail -n 40 "$server_log" >&2
}
stop_server() {
  [[ -n "$server_pid" ]] || return 0
  if kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    # It drains requests and stops its database before exiting.
    local deadline=$((SECONDS + 60))
    while kill -0 "$server_pid" 2>/dev/null && ((SECONDS < deadline)); do
      sleep 0.2
    done
    if kill -0 "$server_pid" 2>/dev/null; then
      echo "http_load: server $server_pid ignored SIGTERM for 60s; killing it" >&2
      kill -KILL "$server_pid" 2>/dev/null || true
    fi
  fi
  local status=0
  wait "$server_pid" 2>/dev/null || status=$?
  if ((status != 0)); then
    echo "http_load: the server exited with status $status; its log ends:" >&2
    tail -n 20 "$server_log" >&2
  fi
  server_pid=""
}
cleanup() {
  stop_server
  rm -rf "$work_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$binary" serve --listen "127.0.0.1:$port" --data-dir "$work_dir/data" >"$server_log" 2>&1 &
server_pid=$!

# The first start runs initdb, which takes a few seconds.
deadline=$((SECONDS + 120))
until curl -fsS -o /dev/null "$base_url/readyz" 2>/dev/null; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    report_exit "during start-up"
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo "http_load: $base_url/readyz not ready after 120s; server log:" >&2
    tail -n 40 "$server_log" >&2
    exit 1
  fi
  sleep 0.2
done

echo "emporium:   $("$binary" --version 2>&1 | head -n 1)"
echo "machine:    $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "load:       wrk -t$threads -c$connections -d$duration (client and server share the machine)"
echo

declare -A summary
for path in "${endpoints[@]}"; do
  if [[ "$warmup" != 0 && "$warmup" != 0s ]]; then
    wrk -t"$threads" -c"$connections" -d"$warmup" "$base_url$path" >/dev/null
  fi
  echo "== GET $path"
  output=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$base_url$path")
  echo "$output"
  echo
  # wrk reports "Non-2xx or 3xx responses" only when there were some.
  summary[$path]=$(awk '
    /Requests\/sec:/ { rps = $2 }
    /^ +Latency / && !avg { avg = $2 }
    /^ +50%/ { p50 = $2 }
    /^ +99%/ { p99 = $2 }
    /Non-2xx or 3xx responses:/ { bad = $5 }
    END { printf "| %s | %s | %s | %s | %s |", rps, avg, p50, p99, (bad ? bad : 0) }
  ' <<<"$output")
done

if ! kill -0 "$server_pid" 2>/dev/null; then
  report_exit "under load"
  exit 1
fi

echo "| endpoint | requests/s | mean latency | p50 | p99 | non-2xx |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for path in "${endpoints[@]}"; do
  echo "| \`GET $path\` | ${summary[$path]#| }"
done
