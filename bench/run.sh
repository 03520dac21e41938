#!/usr/bin/env bash
# robomaker-local benchmark: the emulator side by side with two minimal Beast "floor" servers (the
# emulator's shape with tcp_stream timeouts, and --bare: a plain socket without timers), and
# DescribeRobot under --auth sigv4 beside --auth none.
# Run by hand from anywhere:   bench/run.sh
# Needs built binaries (meson setup build-bench -Dtests=false && ninja -C build-bench), curl and
# wrk (installed with apt-get if missing). See bench/README.md for what is measured and how to
# read the summary. The summary is printed and written to bench/results/latest.txt.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${RML_BENCH_BUILD:-$ROOT/build-bench}
EMULATOR=${RML_EMULATOR:-$BUILD/server/robomaker-local}
FLOOR=${RML_FLOOR:-$BUILD/bench/rml-floor-server}
PROBE=${RML_STARTUP_PROBE:-$BUILD/bench/rml-startup-probe}
ENGINE_BENCH=${RML_ENGINE_BENCH:-$BUILD/bench/rml-engine-bench}
RESULTS=${BENCH_RESULTS:-$ROOT/bench/results/latest.txt}

CONNS=${BENCH_CONNECTIONS:-32}
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-2s}
ROUNDS=${BENCH_ROUNDS:-2}
ROBOTS=${BENCH_ROBOTS:-150}
STARTUP_RUNS=${BENCH_STARTUP_RUNS:-20}
RSS_REQUESTS=${BENCH_RSS_REQUESTS:-10000}
PIN=${BENCH_PIN:-auto}            # auto|0: server on CPU 1 and wrk on CPU 0 when there are >= 2 CPUs

# Goals.
GOAL_DESCRIBE_RATIO=0.5
SIGV4_KEY=benchkey SIGV4_SECRET=benchsecret
GOAL_STARTUP_MS=50
GOAL_RSS_MB=30

say() { printf '%s\n' "$*" >&2; }
fail() { say "bench/run.sh: $*"; exit 1; }

for b in "$EMULATOR" "$FLOOR" "$PROBE" "$ENGINE_BENCH"; do
    [[ -x $b ]] || fail "not built: $b (meson setup build-bench -Dtests=false && ninja -C build-bench)"
done
command -v curl >/dev/null || fail "curl is required"
if ! command -v wrk >/dev/null; then
    say "wrk not found; installing it with apt-get"
    if [[ $(id -u) -eq 0 ]]; then apt-get install -y wrk >&2; else sudo apt-get install -y wrk >&2; fi
    command -v wrk >/dev/null || fail "wrk is required"
fi

SERVER_PIN=() WRK_PIN=() PIN_NOTE="not pinned"
if [[ $PIN != 0 ]] && command -v taskset >/dev/null && [[ $(nproc) -ge 2 ]]; then
    SERVER_PIN=(taskset -c 1) WRK_PIN=(taskset -c 0) PIN_NOTE="server on CPU 1, wrk on CPU 0"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/rml-bench.XXXXXX")
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_server NAME CMD... : starts CMD in the background (stdout to $WORK/NAME.out), waits up to
# 5 s for its "listening on http://HOST:PORT" line and sets PID_<NAME> and PORT_<NAME>.
start_server() {
    local name=$1; shift
    "${SERVER_PIN[@]}" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
    local pid=$!
    PIDS+=("$pid")
    local port=""
    for _ in $(seq 100); do
        port=$(head -n1 "$WORK/$name.out" 2>/dev/null | sed -n 's#.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\)$#\1#p')
        [[ -n $port ]] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    [[ -n $port ]] || { cat "$WORK/$name.err" >&2; fail "$name did not start"; }
    printf -v "PID_$name" '%s' "$pid"
    printf -v "PORT_$name" '%s' "$port"
}

stop_server() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# seed PORT NAME [CURL ARGS...]: creates $ROBOTS robots, writes their ARNs to $WORK/NAME.arns.
seed() {
    local port=$1 name=$2 i out arn
    shift 2
    : >"$WORK/$name.arns"
    for i in $(seq -w 1 "$ROBOTS"); do
        out=$(curl -s "$@" --max-time 5 -X POST "http://127.0.0.1:$port/createRobot" \
              -H 'Content-Type: application/json' \
              -d "{\"name\":\"bench-robot-$i\",\"architecture\":\"X86_64\",\"greengrassGroupId\":\"bench-group-$i\"}")
        arn=$(sed -n 's/.*"arn":"\([^"]*\)".*/\1/p' <<<"$out")
        [[ -n $arn ]] || fail "createRobot $i on $name failed: $out"
        echo "$arn" >>"$WORK/$name.arns"
    done
}

# expect_200 URL BODY: one request through curl, fails unless it answers 200.
expect_200() {
    local code
    code=$(curl -s -o "$WORK/check.body" -w '%{http_code}' --max-time 5 -X POST "$1" \
           -H 'Content-Type: application/json' -d "$2")
    [[ $code == 200 ]] || fail "POST $1 $2 answered $code: $(cat "$WORK/check.body")"
}

# post_lua FILE BODY: a wrk script that POSTs BODY as JSON.
post_lua() {
    cat >"$1" <<EOF
wrk.method = "POST"
wrk.body = '$2'
wrk.headers["Content-Type"] = "application/json"
EOF
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }
mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

# wrk_run OUTFILE DURATION URL LUA: runs wrk; the raw output stays in OUTFILE.
wrk_run() {
    "${WRK_PIN[@]}" wrk -t1 -c"$CONNS" -d"$2" --latency -s "$4" "$3" >"$1" 2>&1 || fail "wrk failed: $(cat "$1")"
}
wrk_rps() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
wrk_count() { awk '/requests in/ {print $1}' "$1"; }
wrk_pct() { awk -v p="$2" '$1 == p {print $2}' "$1"; }
wrk_bad() {  # non-2xx responses plus socket errors (connect/read/write/timeout)
    awk '/Non-2xx or 3xx responses:/ {n += $NF}
         /Socket errors:/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10}
         END {print n + 0}' "$1"
}

say "== robomaker-local benchmark (work dir $WORK)"

# sign_lua FILE PORT BODY: a wrk script that POSTs BODY to /describeRobot with a SigV4 signature made
# now by Debian's botocore for $SIGV4_KEY (valid 5 minutes: made again before every run).
sign_lua() {
    local headers
    headers=$(/usr/bin/python3 - "$2" "$3" "$SIGV4_KEY" "$SIGV4_SECRET" <<'PY'
import sys
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
port, body, key, secret = sys.argv[1:]
req = AWSRequest(method="POST", url=f"http://127.0.0.1:{port}/describeRobot", data=body,
                 headers={"Content-Type": "application/json"})
SigV4Auth(Credentials(key, secret), "robomaker", "us-east-1").add_auth(req)
for k in ("X-Amz-Date", "Authorization"):
    print(f'wrk.headers["{k}"] = "{req.headers[k]}"')
PY
) || fail "cannot sign with botocore (needs Debian's python3-botocore)"
    post_lua "$1" "$3"
    echo "$headers" >>"$1"
}

# --- 1. servers -------------------------------------------------------------------------------
start_server floor "$FLOOR" --host 127.0.0.1 --port 0
start_server bare "$FLOOR" --host 127.0.0.1 --port 0 --bare
start_server sigv4 "$EMULATOR" --host 127.0.0.1 --port 0 --db "$WORK/sigv4.db" --log-level info \
    --auth sigv4 --credentials "$SIGV4_KEY:$SIGV4_SECRET"
start_server info "$EMULATOR" --host 127.0.0.1 --port 0 --db "$WORK/info.db" --log-level info
start_server warn "$EMULATOR" --host 127.0.0.1 --port 0 --db "$WORK/warn.db" --log-level warn
say "floor :$PORT_floor   bare floor :$PORT_bare   emulator log=info :$PORT_info   log=warn :$PORT_warn   sigv4 :$PORT_sigv4"

# --- 2. seed ----------------------------------------------------------------------------------
say "seeding $ROBOTS robots into each emulator"
seed "$PORT_info" info
seed "$PORT_warn" warn
seed "$PORT_sigv4" sigv4 --aws-sigv4 "aws:amz:us-east-1:robomaker" --user "$SIGV4_KEY:$SIGV4_SECRET"
pick=$(( (ROBOTS + 1) / 2 ))
ARN_info=$(sed -n "${pick}p" "$WORK/info.arns")
ARN_warn=$(sed -n "${pick}p" "$WORK/warn.arns")
ARN_sigv4=$(sed -n "${pick}p" "$WORK/sigv4.arns")
for n in info warn; do
    port_var=PORT_$n arn_var=ARN_$n
    expect_200 "http://127.0.0.1:${!port_var}/describeRobot" "{\"robot\":\"${!arn_var}\"}"
    DESCRIBE_BYTES=$(wc -c <"$WORK/check.body")
    expect_200 "http://127.0.0.1:${!port_var}/listRobots" '{"maxResults":100}'
    listed=$(grep -o '"arn":' "$WORK/check.body" | wc -l)
    [[ $listed -eq 100 || $listed -eq $ROBOTS ]] || fail "listRobots on $n returned $listed robots"
    LIST_BYTES=$(wc -c <"$WORK/check.body")
    post_lua "$WORK/describe-$n.lua" "{\"robot\":\"${!arn_var}\"}"
done
post_lua "$WORK/list.lua" '{"maxResults":100}'
expect_200 "http://127.0.0.1:$PORT_floor/describeRobot" "{\"robot\":\"$ARN_info\"}"
FLOOR_BYTES=$(wc -c <"$WORK/check.body")

# --- 3. throughput ----------------------------------------------------------------------------
# Targets, in the order they run in every round. The floor gets the very same request as
# DescribeRobot (POST /describeRobot with the same body) so request parsing costs the same.
TARGETS=(floor floor_bare describe_info list_info describe_warn list_warn describe_sigv4)
declare -A T_URL T_LUA T_NAME T_INST
T_URL[floor]="http://127.0.0.1:$PORT_floor/describeRobot";   T_LUA[floor]="$WORK/describe-info.lua"
T_URL[floor_bare]="http://127.0.0.1:$PORT_bare/describeRobot";  T_LUA[floor_bare]="$WORK/describe-info.lua"
T_URL[describe_sigv4]="http://127.0.0.1:$PORT_sigv4/describeRobot"; T_LUA[describe_sigv4]="$WORK/describe-sigv4.lua"
T_URL[describe_info]="http://127.0.0.1:$PORT_info/describeRobot"; T_LUA[describe_info]="$WORK/describe-info.lua"
T_URL[list_info]="http://127.0.0.1:$PORT_info/listRobots";     T_LUA[list_info]="$WORK/list.lua"
T_URL[describe_warn]="http://127.0.0.1:$PORT_warn/describeRobot"; T_LUA[describe_warn]="$WORK/describe-warn.lua"
T_URL[list_warn]="http://127.0.0.1:$PORT_warn/listRobots";     T_LUA[list_warn]="$WORK/list.lua"
T_NAME[floor]="floor (fixed 600 B body)"
T_NAME[floor_bare]="bare floor (no timers)"
T_NAME[describe_sigv4]="DescribeRobot  auth=sigv4"
T_NAME[describe_info]="DescribeRobot  log=info"
T_NAME[list_info]="ListRobots 100 log=info"
T_NAME[describe_warn]="DescribeRobot  log=warn"
T_NAME[list_warn]="ListRobots 100 log=warn"
T_INST[floor_bare]=bare T_INST[describe_sigv4]=sigv4
T_INST[floor]=floor T_INST[describe_info]=info T_INST[list_info]=info T_INST[describe_warn]=warn T_INST[list_warn]=warn
declare -A SERVED=([floor]=0 [bare]=0 [info]=$ROBOTS [warn]=$ROBOTS [sigv4]=$ROBOTS)
resign() { [[ $1 != describe_sigv4 ]] || sign_lua "$WORK/describe-sigv4.lua" "$PORT_sigv4" "{\"robot\":\"$ARN_sigv4\"}"; }

say "warm-up: $WARMUP per target"
for t in "${TARGETS[@]}"; do
    resign "$t"
    wrk_run "$WORK/warmup-$t.txt" "$WARMUP" "${T_URL[$t]}" "${T_LUA[$t]}"
    SERVED[${T_INST[$t]}]=$(( SERVED[${T_INST[$t]}] + $(wrk_count "$WORK/warmup-$t.txt") ))
done

declare -A RPS BAD
for r in $(seq "$ROUNDS"); do
    for t in "${TARGETS[@]}"; do
        say "round $r/$ROUNDS: ${T_NAME[$t]}  (wrk -t1 -c$CONNS -d$DURATION)"
        out="$WORK/wrk-$t-$r.txt"
        resign "$t"
        wrk_run "$out" "$DURATION" "${T_URL[$t]}" "${T_LUA[$t]}"
        RPS[$t,$r]=$(wrk_rps "$out")
        BAD[$t]=$(( ${BAD[$t]:-0} + $(wrk_bad "$out") ))
        SERVED[${T_INST[$t]}]=$(( SERVED[${T_INST[$t]}] + $(wrk_count "$out") ))
    done
done
RSS_END_info=$(rss_kb "$PID_info") RSS_END_warn=$(rss_kb "$PID_warn") RSS_END_floor=$(rss_kb "$PID_floor")
LOG_LINES_info=$(wc -l <"$WORK/info.out")
stop_server "$PID_floor"; stop_server "$PID_bare"; stop_server "$PID_info"; stop_server "$PID_warn"; stop_server "$PID_sigv4"

declare -A MEAN
for t in "${TARGETS[@]}"; do
    vals=""
    for r in $(seq "$ROUNDS"); do vals+="${RPS[$t,$r]} "; done
    MEAN[$t]=$(awk -v v="$vals" 'BEGIN {n = split(v, a, " "); s = 0; for (i = 1; i <= n; i++) s += a[i]; printf "%.0f", s / n}')
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

# --- 4. start-up ------------------------------------------------------------------------------
say "start-up: $STARTUP_RUNS runs with --db :memory:, $STARTUP_RUNS with a fresh --db file"
"$PROBE" --runs "$STARTUP_RUNS" -- "$EMULATOR" --host 127.0.0.1 --port 0 --db :memory: >"$WORK/startup-mem.txt"
mkdir -p "$WORK/startup"
"$PROBE" --runs "$STARTUP_RUNS" --fresh-db "$WORK/startup" -- "$EMULATOR" --host 127.0.0.1 --port 0 >"$WORK/startup-file.txt"
su_field() { sed -n "s/.*$2=\([0-9.]*\).*/\1/p" "$1" | tail -n1; }
SU_MEM_MED=$(su_field "$WORK/startup-mem.txt" median_ms) SU_MEM_MAX=$(su_field "$WORK/startup-mem.txt" max_ms)
SU_FILE_MED=$(su_field "$WORK/startup-file.txt" median_ms) SU_FILE_MAX=$(su_field "$WORK/startup-file.txt" max_ms)

# --- 5. memory after RSS_REQUESTS requests ----------------------------------------------------
say "memory: fresh emulator (log=info, file db), $ROBOTS robots, then $RSS_REQUESTS requests"
start_server rss "$EMULATOR" --host 127.0.0.1 --port 0 --db "$WORK/rss.db" --log-level info
RSS_START=$(rss_kb "$PID_rss")
seed "$PORT_rss" rss
RSS_SEEDED=$(rss_kb "$PID_rss")
ARN_rss=$(sed -n "${pick}p" "$WORK/rss.arns")
cat >"$WORK/rss.lua" <<EOF
-- Alternates DescribeRobot and ListRobots(maxResults 100); stops after $RSS_REQUESTS responses.
local limit, n, i, bad = $RSS_REQUESTS, 0, 0, 0
local reqs = {}
function init(args)
  local h = { ["Content-Type"] = "application/json" }
  reqs[1] = wrk.format("POST", "/describeRobot", h, '{"robot":"$ARN_rss"}')
  reqs[2] = wrk.format("POST", "/listRobots", h, '{"maxResults":100}')
end
function request()
  i = i + 1
  return reqs[i % 2 + 1]
end
function response(status, headers, body)
  n = n + 1
  if n >= limit then wrk.thread:stop() end
end
EOF
wrk_run "$WORK/wrk-rss.txt" 60s "http://127.0.0.1:$PORT_rss/" "$WORK/rss.lua"
RSS_N=$(wrk_count "$WORK/wrk-rss.txt")
RSS_BAD=$(wrk_bad "$WORK/wrk-rss.txt")
RSS_AFTER=$(rss_kb "$PID_rss") HWM_AFTER=$(hwm_kb "$PID_rss")
stop_server "$PID_rss"

# --- 6. deployment engine, in process ---------------------------------------------------------
say "deployment engine: rml-engine-bench (1000 robots, concurrency 10 %, :memory: and a file)"
"${SERVER_PIN[@]}" "$ENGINE_BENCH" >"$WORK/engine.txt" || fail "rml-engine-bench failed"

# --- 7. summary -------------------------------------------------------------------------------
pass() { if awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN {exit !(op == ">=" ? a >= b : a < b)}'; then echo PASS; else echo FAIL; fi; }
git_rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -n $(git -C "$ROOT" status --porcelain -- server api store 2>/dev/null) ]] && git_rev+=" (+ uncommitted changes)"
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)

{
    echo "robomaker-local benchmark  $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "emulator $("$EMULATOR" --version 2>/dev/null | awk '{print $NF}'), git $git_rev, $EMULATOR"
    echo "machine: $(nproc) CPUs ($cpu), $(uname -sr); $PIN_NOTE"
    echo "load: wrk -t1 -c$CONNS -d$DURATION --latency, $ROUNDS rounds in the order below, $WARMUP warm-up each;"
    echo "      $ROBOTS robots seeded; emulator stdout (its request log) goes to a file"
    echo "      response bodies: floor $FLOOR_BYTES B,"\
         "DescribeRobot $DESCRIBE_BYTES B, ListRobots $LIST_BYTES B"
    echo
    printf '%-26s' "Throughput (req/s)"
    for r in $(seq "$ROUNDS"); do printf '%10s' "round $r"; done
    printf '%10s %9s %9s %9s %9s %5s\n' "mean" "x floor" "x bare" "p50" "p99" "bad"
    for t in "${TARGETS[@]}"; do
        printf '%-26s' "${T_NAME[$t]}"
        for r in $(seq "$ROUNDS"); do printf '%10.0f' "${RPS[$t,$r]}"; done
        last="$WORK/wrk-$t-$ROUNDS.txt"
        printf '%10s %9s %9s %9s %9s %5s\n' "${MEAN[$t]}" "$(ratio "${MEAN[$t]}" "${MEAN[floor]}")" \
            "$(ratio "${MEAN[$t]}" "${MEAN[floor_bare]}")" \
            "$(wrk_pct "$last" 50%)" "$(wrk_pct "$last" 99%)" "${BAD[$t]}"
    done
    echo "  (x floor / x bare = mean / that floor's mean; p50/p99 latency of the last round; bad = non-2xx + socket errors)"
    echo "  auth=sigv4 cost: DescribeRobot $(ratio "${MEAN[describe_sigv4]}" "${MEAN[describe_info]}") x the --auth none rate (both log=info)"
    echo "  log=info cost: DescribeRobot $(ratio "${MEAN[describe_info]}" "${MEAN[describe_warn]}") x, ListRobots $(ratio "${MEAN[list_info]}" "${MEAN[list_warn]}") x the log=warn rate ($LOG_LINES_info log lines written)"
    echo
    echo "Start-up (fork+exec to first 200 from GET /_emulator/health, $STARTUP_RUNS runs each)"
    printf '  %-32s median %6.2f ms   max %6.2f ms\n' "--db :memory:" "$SU_MEM_MED" "$SU_MEM_MAX"
    printf '  %-32s median %6.2f ms   max %6.2f ms\n' "--db fresh file (new each run)" "$SU_FILE_MED" "$SU_FILE_MAX"
    echo
    echo "Memory (VmRSS)"
    echo "  fresh emulator (log=info, file db): at start $(mb "$RSS_START") MB, after seeding $ROBOTS robots $(mb "$RSS_SEEDED") MB,"
    echo "    after $RSS_N more requests (DescribeRobot/ListRobots 100 alternating, $RSS_BAD bad): $(mb "$RSS_AFTER") MB (peak VmHWM $(mb "$HWM_AFTER") MB)"
    echo "  after the throughput runs: log=info $(mb "$RSS_END_info") MB (${SERVED[info]} requests), log=warn $(mb "$RSS_END_warn") MB (${SERVED[warn]} requests), floor $(mb "$RSS_END_floor") MB"
    echo
    echo "Deployment engine (in process, $(basename "$ENGINE_BENCH"))"
    sed 's/^/  /' "$WORK/engine.txt"
    echo
    echo "Goals"
    r_info=$(ratio "${MEAN[describe_info]}" "${MEAN[floor]}") r_warn=$(ratio "${MEAN[describe_warn]}" "${MEAN[floor]}")
    printf '  %-52s %-22s %s\n' "DescribeRobot >= $GOAL_DESCRIBE_RATIO x floor (default log=info)" "$r_info x" "$(pass "$r_info" ">=" "$GOAL_DESCRIBE_RATIO")"
    printf '  %-52s %-22s %s\n' "DescribeRobot >= $GOAL_DESCRIBE_RATIO x floor (log=warn)" "$r_warn x" "$(pass "$r_warn" ">=" "$GOAL_DESCRIBE_RATIO")"
    r_bare=$(ratio "${MEAN[describe_info]}" "${MEAN[floor_bare]}")
    printf '  %-52s %-22s %s\n' "DescribeRobot >= $GOAL_DESCRIBE_RATIO x bare floor (log=info)" "$r_bare x" "$(pass "$r_bare" ">=" "$GOAL_DESCRIBE_RATIO")"
    su_max=$(awk -v a="$SU_MEM_MAX" -v b="$SU_FILE_MAX" 'BEGIN {print (a > b ? a : b)}')
    printf '  %-52s %-22s %s\n' "start-up < $GOAL_STARTUP_MS ms (every run, both databases)" "max $su_max ms" "$(pass "$su_max" "<" "$GOAL_STARTUP_MS")"
    printf '  %-52s %-22s %s\n' "VmRSS after $RSS_REQUESTS requests < $GOAL_RSS_MB MB" "$(mb "$RSS_AFTER") MB" "$(pass "$(mb "$RSS_AFTER")" "<" "$GOAL_RSS_MB")"
    bad_total=$(( BAD[floor] + BAD[floor_bare] + BAD[describe_sigv4] + BAD[describe_info] + BAD[list_info] + BAD[describe_warn] + BAD[list_warn] + RSS_BAD ))
    [[ $bad_total -eq 0 ]] || echo "  WARNING: $bad_total bad responses or socket errors; the rates above are not comparable"
} >"$WORK/summary.txt"

mkdir -p "$(dirname "$RESULTS")"
cp "$WORK/summary.txt" "$RESULTS"
cat "$WORK/summary.txt"
say "(written to $RESULTS)"
