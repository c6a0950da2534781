# Sourced by the bench scripts: runs build/emporium on a free loopback port
# and stops it again. Needs `set -euo pipefail`, curl and python3.
#
#   bench_start_server BINARY DATA_DIR LOG [extra serve args...]   sets server_pid, port, base_url
#   bench_stop_server                                              SIGTERM, then SIGKILL after 60 s

server_pid=""

bench_start_server() {
  local binary=$1 data_dir=$2 log=$3
  shift 3
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  base_url="http://127.0.0.1:$port"
  "$binary" serve --listen "127.0.0.1:$port" --data-dir "$data_dir" "$@" >"$log" 2>&1 &
  server_pid=$!
  local deadline=$((SECONDS + 120))
  until curl -fsS -o /dev/null "$base_url/readyz" 2>/dev/null; do
    if ! kill -0 "$server_pid" 2>/dev/null || ((SECONDS >= deadline)); then
      echo "bench: the server did not become ready; its log ends:" >&2
      tail -n 40 "$log" >&2
      return 1
    fi
    sleep 0.2
  done
}

bench_stop_server() {
  [[ -n "$server_pid" ]] || return 0
  if kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    local deadline=$((SECONDS + 60))
    while kill -0 "$server_pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$server_pid" 2>/dev/null; then
      echo "bench: server $server_pid ignored SIGTERM for 60s; killing it" >&2
      kill -KILL "$server_pid" 2>/dev/null || true
    fi
  fi
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
