# tests/fault/fault.sh: helpers for the network fault and sync tests
# (sourced after tests/lib.sh).

# net_server ROOT [OPTION...]: tests/server.py on a free port serving ROOT,
# with a black hole beside it and a log of every answer ($T/log, "STATUS
# PATH" a line); sets PORT and HOLE (the black hole's port on 127.0.0.2).
net_server() {
	_root=$1; shift
	rm -f "$T/port" "$T/hole"
	"${PYTHON3:-python3}" "$top_srcdir/tests/server.py" --root "$_root" \
		--port-file "$T/port" --blackhole-port-file "$T/hole" --log "$T/log" \
		--max-seconds 900 "$@" >"$T/server.log" 2>&1 &
	_net_pid=$!
	_cleanup_hooks="$_cleanup_hooks net_server_stop"
	_i=0
	while [ ! -s "$T/port" ] && [ $_i -lt 200 ]; do sleep 0.05; _i=$((_i + 1)); done
	if [ ! -s "$T/port" ]; then
		echo "Bail out! tests/server.py did not start: $(head -c 300 "$T/server.log")"
		exit 1
	fi
	PORT=$(head -n 1 "$T/port")
	HOLE=$(head -n 1 "$T/hole")
}
net_server_stop() { kill "$_net_pid" 2>/dev/null || true; wait "$_net_pid" 2>/dev/null || true; }

# now: seconds since the epoch, with milliseconds
now() { date +%s.%N | cut -c1-14; }
# since T0: seconds from T0 to now, e.g. 11.02
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
# below SECS LIMIT: 0 when SECS < LIMIT
below() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

# requests PATTERN: answers in the server's log whose path holds PATTERN
requests() { grep -cF -- "$1" "$T/log" 2>/dev/null || true; }
