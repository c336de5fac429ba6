# Sourced by the demo and sample-store scripts: builds redline and serve-fixtures (setting
# bin), starts serve-fixtures on 127.0.0.1 for a folder and sets SERVER_URL and SERVER_PID;
# the caller's EXIT trap must call stop_server.
build_tools() {
  swift build --product redline >/dev/null
  swift build --product serve-fixtures >/dev/null
  bin="$(swift build --show-bin-path)"
}

start_server() {
  local root="$1" bin="$2" fifo
  fifo="$(mktemp -u)"
  mkfifo "$fifo"
  "$bin/serve-fixtures" --root "$root" >"$fifo" &
  SERVER_PID=$!
  read -r SERVER_URL <"$fifo"
  rm -f "$fifo"
  case "$SERVER_URL" in
    http://127.0.0.1:*) ;;
    *) echo "could not start the fixture server" >&2; exit 2 ;;
  esac
}

stop_server() {
  if [ -n "${SERVER_PID:-}" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}
