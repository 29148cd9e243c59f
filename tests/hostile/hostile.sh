# tests/hostile/hostile.sh: helpers for the hostile-input and fault suites
# (sourced after tests/lib.sh).

# bad_bytes FILE: prints what a terminal would act on in FILE (invalid
# UTF-8, C0 controls but \n and \t, DEL, C1 controls, bidi overrides and
# isolates, LRM/RLM/ALM), with its offset; prints nothing for a clean file.
bad_bytes() {
	python3 - "$1" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
try:
    text = data.decode('utf-8')
except UnicodeDecodeError as e:
    print('invalid UTF-8 at byte %d' % e.start)
    sys.exit(0)
BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}
for i, ch in enumerate(text):
    c = ord(ch)
    if (c < 0x20 and ch not in '\n\t') or c == 0x7F or 0x80 <= c <= 0x9F or c in BIDI:
        print('U+%04X at character %d: %r' % (c, i, text[max(0, i - 12):i + 12]))
        sys.exit(0)
PY
}

# clean FILE NAME: one TAP line, ok when FILE holds nothing bad_bytes finds.
clean() {
	_bad=$(bad_bytes "$1")
	_n=$((_n + 1))
	if [ -z "$_bad" ]; then
		echo "ok $_n - $2"
	else
		echo "not ok $_n - $2"
		echo "#   $_bad"
	fi
}

# todo STATUS NAME REASON: a TAP line for a known bug the lead fixes
# (tap-driver counts a failing TODO as XFAIL, a passing one as XPASS).
todo() {
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $_n - $2 # TODO $3"; else echo "not ok $_n - $2 # TODO $3"; fi
}

# server_start ROOT: tests/server.py on a free port serving ROOT; sets PORT.
server_start() {
	"${PYTHON3:-python3}" "$top_srcdir/tests/server.py" --root "$1" \
		--port-file "$T/port" --max-seconds 600 >"$T/server.log" 2>&1 &
	_server_pid=$!
	_cleanup_hooks="$_cleanup_hooks server_stop"
	_i=0
	while [ ! -s "$T/port" ] && [ $_i -lt 100 ]; do sleep 0.05; _i=$((_i + 1)); done
	PORT=$(head -n 1 "$T/port")
}
server_stop() { kill "$_server_pid" 2>/dev/null || true; wait "$_server_pid" 2>/dev/null || true; }
