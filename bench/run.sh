#!/usr/bin/env bash
# The request-level benchmark of issue 10: builds the release binary, generates the standard
# dataset once (`prassi demo --size …`, cached in bench/.data-<backend>-<size>), times
# `prassi search reindex` on it, starts `prassi serve` on loopback, signs a generated member in,
# and runs wrk against the pages that matter at 1, 8 and 64 connections, recording req/s, p50,
# p99, answers outside 2xx, socket errors and the server's peak RSS. Results go to
# bench/results/<date>-<commit>-<backend>.{json,md}; --compare prints the change from an
# earlier JSON. See docs/performance.md.
#
#   bench/run.sh                        SQLite, large dataset, 10 s per run
#   bench/run.sh --backend postgres     a fresh database prassi_bench_<size> on 127.0.0.1:5432
#   bench/run.sh --quick                CI check: small dataset, 2 s per page at 8 connections;
#                                       fails on any error or answer outside 2xx
#   bench/run.sh --compare bench/results/<earlier>.json
#
# Other options: --size small|large, --duration S, --connections "1 8 64", --port N,
# --binary PATH (use this prassi, build nothing: CI passes its debug build),
# --pages "question-big qa-newest …" (a subset), --no-build, --no-reindex, --fresh (rebuild
# the cached dataset), --out DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

backend=sqlite
size=large
duration=10
connections="1 8 64"
port=18080
compare=""
quick=0
build=1
binary=""
reindex=1
fresh=0
out=""
only_pages=""
pg_base=${PRASSI_BENCH_PG:-postgres://postgres@127.0.0.1:5432}

while [ $# -gt 0 ]; do
  case "$1" in
    --backend) backend=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --compare) compare=$2; shift 2 ;;
    --pages) only_pages=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --quick) quick=1; shift ;;
    --no-build) build=0; shift ;;
    --binary) binary=$2; build=0; shift 2 ;;
    --no-reindex) reindex=0; shift ;;
    --fresh) fresh=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ "$quick" = 1 ]; then
  size=small; duration=2; connections="8"; reindex=0
  out=${out:-bench/.results-quick}
fi
out=${out:-bench/results}
case "$backend" in sqlite|postgres) ;; *) echo "--backend is sqlite or postgres" >&2; exit 2 ;; esac
case "$size" in small|large) ;; *) echo "--size is small or large" >&2; exit 2 ;; esac

step() { printf '\n==> %s\n' "$*" >&2; }

# ---------------------------------------------------------------- tools
need_pkgs=()
command -v wrk >/dev/null 2>&1 || need_pkgs+=(wrk)
command -v curl >/dev/null 2>&1 || need_pkgs+=(curl)
command -v python3 >/dev/null 2>&1 || need_pkgs+=(python3)
if [ "$backend" = postgres ]; then command -v psql >/dev/null 2>&1 || need_pkgs+=(postgresql-client); fi
if [ ${#need_pkgs[@]} -gt 0 ]; then
  step "Installing ${need_pkgs[*]} (Debian packages)"
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo -n"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -qq "${need_pkgs[@]}" || { $sudo apt-get update -qq && $sudo apt-get install -y -qq "${need_pkgs[@]}"; }
fi

if [ "$build" = 1 ]; then
  step "Release build"
  cargo build --release -p prassi-server
fi
BIN="${binary:-$ROOT/target/release/prassi}"
[ -x "$BIN" ] || { echo "no $BIN: build it first" >&2; exit 1; }

# ---------------------------------------------------------------- dataset (cached)
data="$ROOT/bench/.data-$backend-$size"
export PRASSI_DATA_DIR="$data"
if [ "$backend" = postgres ]; then
  db="prassi_bench_$size"
  export PRASSI_DATABASE_URL="$pg_base/$db"
  if [ -f "$data/dataset.txt" ] && ! psql "$pg_base/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    fresh=1
  fi
else
  unset PRASSI_DATABASE_URL
fi
if [ "$fresh" = 1 ] || [ ! -f "$data/dataset.txt" ]; then
  step "Generating the $size dataset on $backend (once; cached in ${data#"$ROOT"/})"
  rm -rf "$data"; mkdir -p "$data"
  if [ "$backend" = postgres ]; then
    psql -q "$pg_base/postgres" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  fi
  PRASSI_LOG=warn "$BIN" demo --size "$size" > "$data/dataset.tmp"
  if [ "$backend" = postgres ]; then
    # The generator updates each counter row many times and its outbox drains 100,000 events:
    # until autovacuum has passed, scans walk those dead rows (the worker's claim query took
    # 15 ms instead of 0.04 ms). Measure the database as it is once settled.
    psql -q "$PRASSI_DATABASE_URL" -c "VACUUM ANALYZE"
  fi
  mv "$data/dataset.tmp" "$data/dataset.txt"
fi
cat "$data/dataset.txt" >&2
if [ "$backend" = postgres ] && [ "$(psql -tAc 'SHOW autovacuum' "$PRASSI_DATABASE_URL")" != on ]; then
  # Earlier runs' writes (answers, the outbox's processed events) stay as dead rows without
  # autovacuum, and the worker's claim then walks every pending version ever written (5-18 ms
  # a poll instead of 0.05). Measure the database as a server with autovacuum keeps it.
  echo "PostgreSQL's autovacuum is off: VACUUM ANALYZE before the runs" >&2
  psql -q "$PRASSI_DATABASE_URL" -c "VACUUM ANALYZE"
fi
field() { awk -v k="$1" '$1 == k { print $2; exit }' "$data/dataset.txt"; }
password=$(sed -n 's/.*password for all: \([^)]*\)).*/\1/p' "$data/dataset.txt" | head -n1)
member=$(field member)
big_question=$(field big-question)
big_page=$(field big-wiki-page)
tag_page=$(field tag-page)
big_event=$(field big-event)
generation_s=$(awk '$1 == "Total:" { print $2; exit }' "$data/dataset.txt")

reindex_s=null
if [ "$reindex" = 1 ]; then
  step "prassi search reindex"
  start=$(date +%s.%N)
  PRASSI_LOG=warn "$BIN" search reindex >&2
  reindex_s=$(python3 -c "print(round($(date +%s.%N) - $start, 1))")
  echo "reindex: $reindex_s s" >&2
fi

# ---------------------------------------------------------------- server
if curl -fsS --max-time 1 "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
  echo "something already answers on 127.0.0.1:$port (use --port)" >&2; exit 1
fi
step "Starting prassi serve on 127.0.0.1:$port"
log="$data/serve.log"
PRASSI_BIND="127.0.0.1:$port" PRASSI_LOG=warn "$BIN" serve 2> "$log" &
server=$!
sampler=""
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
}
trap cleanup EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  curl -fsS --max-time 1 "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; echo "prassi serve stopped" >&2; exit 1; }
  sleep 0.2
done
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$server/status" 2>/dev/null || echo 0; }
# VmRSS, then its anonymous part (the heaps) and its file-backed part (the program's pages
# and mapped files such as the search index), in kB.
rss_split() { awk '/^VmRSS/ { r = $2 } /^RssAnon/ { a = $2 } /^RssFile/ { f = $2 } END { print r + 0, a + 0, f + 0 }' "/proc/$server/status" 2>/dev/null || echo "0 0 0"; }
rss_start=$(rss)
loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)

step "Signing in as $member"
jar=$(mktemp)
token=$(curl -fsS -c "$jar" -b "$jar" "$base/accedi" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -n1)
status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
  --data-urlencode "csrf_token=$token" --data-urlencode "login=$member" \
  --data-urlencode "password=$password" "$base/accedi")
[ "$status" = 303 ] || { echo "sign-in answered $status" >&2; exit 1; }
cookie=$(awk '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s=%s; ", $6, $7 }' "$jar" | sed 's/; $//')

# The write load: the member asks a question of their own (so each answer tells nobody but
# the tag's watchers, as on a quiet thread), then the run "answer-post" posts answers to it
# through the form, as a browser does (CSRF token, 303 to the answer). Each answer moves the
# counters, queues its search and notification events and is indexed by the worker meanwhile.
csrf=$(curl -fsS -b "$jar" "$base/qa/domande/nuova" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -n1)
tag=${tag_page##*/}
answer_target=$(curl -sS -o /dev/null -w '%{redirect_url}' -b "$jar" \
  --data-urlencode "csrf_token=$csrf" --data-urlencode "title=Banco di prova: risposte scritte durante il benchmark" \
  --data-urlencode "body_md=Una domanda che il benchmark usa per misurare la scrittura di risposte." \
  --data-urlencode "tags=$tag" --data-urlencode "audience=members" --data-urlencode "lang=it" "$base/qa/domande/nuova")
answer_path="${answer_target#"$base"}"
answer_path="${answer_path%/*}/risposte"
[[ "$answer_path" == /qa/questions/*/risposte ]] || { echo "asking the benchmark's question failed ($answer_target)" >&2; exit 1; }
answer_body="csrf_token=$csrf&lang=it&body_md=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("Una risposta scritta durante il benchmark: **valutazione** degli esiti, con un [collegamento](https://example.org) e un elenco.\n\n- primo punto\n- secondo punto"))')"
rm -f "$jar"

# ---------------------------------------------------------------- runs
# name | path | signed in? | form body to POST (a write; answered 303)
pages=(
  "question-big|$big_question|1"
  "qa-newest|/qa|1"
  "qa-active|/qa?tab=active|1"
  "qa-unanswered|/qa?tab=unanswered|1"
  "qa-votes|/qa?tab=votes|1"
  "qa-tag|$tag_page|1"
  "home-anonymous|/|0"
  "home-member|/|1"
  "search-api|/api/v1/search?q=valutazione+outcome|1"
  "wiki-50kb|$big_page|1"
  "event-big|$big_event|1"
  "agenda|/agenda|1"
  "agenda-month|/agenda/mese|1"
  "notifications|/notifiche|1"
  "groups|/gruppi|1"
  "polls|/sondaggi|1"
  "reviews|/revisioni|1"
  "feed-qa|/feed/qa|1"
  "answer-post|$answer_path|1|$answer_body"
)
# Events waiting in the outbox, as /healthz reports them.
pending() { curl -sS "$base/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("outbox_pending") or 0)'; }
results=$(mktemp)
samples=$(mktemp)
failures=0
for entry in "${pages[@]}"; do
  IFS='|' read -r name path signed post <<< "$entry"
  if [ -n "$only_pages" ] && [[ " $only_pages " != *" $name "* ]]; then continue; fi
  headers=(-H "Accept-Language: it")
  [ "$signed" = 1 ] && headers+=(-H "Cookie: $cookie")
  # A check first: the page answers 200 for this viewer (a write: 303).
  if [ -n "$post" ]; then
    code=$(curl -sS -o /dev/null -w '%{http_code}' "${headers[@]}" --data "$post" "$base$path")
    [ "$code" = 303 ] || { echo "$name ($path) answered $code" >&2; failures=$((failures + 1)); }
  else
    code=$(curl -sS -o /dev/null -w '%{http_code}' "${headers[@]}" "$base$path")
    [ "$code" = 200 ] || { echo "$name ($path) answered $code" >&2; failures=$((failures + 1)); }
  fi
  for c in $connections; do
    threads=$(( c < 2 ? 1 : 2 ))
    : > "$samples"
    ( while kill -0 "$server" 2>/dev/null; do rss_split >> "$samples"; sleep 0.2; done ) &
    sampler=$!
    line=$(BENCH_POST_BODY="$post" wrk -t "$threads" -c "$c" -d "${duration}s" --timeout 10s "${headers[@]}" \
      -s "$ROOT/bench/report.lua" "$base$path" | sed -n 's/^BENCHJSON //p')
    kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; sampler=""
    if [ -z "$line" ]; then
      echo "wrk failed on $name" >&2; failures=$((failures + 1))
      line='{"requests":0,"seconds":0,"rps":0,"p50_ms":0,"p90_ms":0,"p99_ms":0,"max_ms":0,"non2xx":0,"socket_errors":0,"timeouts":0}'
    fi
    read -r rss_max rss_anon rss_file < <(sort -n "$samples" | tail -n1) || true
    # A write run leaves work for the worker (search indexing, notification deliveries):
    # how much waits when wrk stops, and how long the worker takes to drain it (at most 120 s).
    backlog=null; drained=null
    if [ -n "$post" ]; then
      backlog=$(pending); t0=$(date +%s%N); left=$backlog
      while [ "${left:-0}" -gt 0 ] && [ $(( $(date +%s%N) - t0 )) -lt 120000000000 ]; do
        sleep 0.2; left=$(pending)
      done
      ms=$(( ($(date +%s%N) - t0) / 1000000 ))
      [ "${left:-1}" = 0 ] && drained=$((ms / 1000)).$(( (ms % 1000) / 100 ))
      printf '%-15s c=%-3s outbox backlog %s at the end, drained in %s s\n' "$name" "$c" "$backlog" "$drained" >&2
    fi
    echo "{\"page\":\"$name\",\"path\":\"$path\",\"signed_in\":$([ "$signed" = 1 ] && echo true || echo false),\"connections\":$c,${line#\{}" \
      | sed "s/}\$/,\"rss_max_kb\":${rss_max:-0},\"rss_max_anon_kb\":${rss_anon:-0},\"rss_max_file_kb\":${rss_file:-0},\"outbox_backlog\":${backlog:-null},\"outbox_drain_seconds\":${drained}}/" >> "$results"
    printf '%-15s c=%-3s %s rss=%s kB\n' "$name" "$c" "$line" "${rss_max:-0}" >&2
  done
done
rss_end=$(rss)
if grep -qE " ERROR |panicked" "$log"; then
  echo "server log has errors (first lines):" >&2
  grep -E " ERROR |panicked" "$log" | head -n5 >&2 || true
fi
warnings=$(grep -c " WARN " "$log" || true)
[ "$warnings" = 0 ] || echo "server log: $warnings warnings (e.g. overload answered 503), see ${log#"$ROOT"/}" >&2
loadavg=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- report
mkdir -p "$out"
commit=$(git rev-parse --short HEAD)
# Results written by an earlier run are not changes to what is measured.
dirty=$([ -n "$(git status --porcelain -- . ':!bench/results' 2>/dev/null)" ] && echo true || echo false)
date=$(date -u +%Y-%m-%d)
stem="$out/$date-$commit-$backend"
[ "$size" = large ] || stem="$stem-$size"
RESULTS="$results" STEM="$stem" BACKEND="$backend" SIZE="$size" DURATION="$duration" \
COMMIT="$commit" DIRTY="$dirty" DATE="$date" REINDEX="$reindex_s" GENERATION="${generation_s:-null}" \
RSS_START="$rss_start" RSS_END="$rss_end" LOADAVG="$loadavg" LOADAVG_START="$loadavg_start" COMPARE="$compare" DATASET="$data/dataset.txt" \
python3 - <<'PY'
import json, os, platform, re

env = os.environ
rows = [json.loads(l) for l in open(env["RESULTS"]) if l.strip()]
cpu = ""
try:
    cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
except Exception:
    pass
mem_kb = 0
try:
    mem_kb = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")))
except Exception:
    pass
phases = {}
for l in open(env["DATASET"]):
    m = re.match(r"\s+(.+?)\s+(\d+) items\s+([\d.]+) s", l)
    if m:
        phases[m.group(1).strip()] = {"items": int(m.group(2)), "seconds": float(m.group(3))}
num = lambda v: None if v in ("", "null") else float(v)
doc = {
    "date": env["DATE"], "commit": env["COMMIT"], "uncommitted_changes": env["DIRTY"] == "true",
    "backend": env["BACKEND"], "size": env["SIZE"], "seconds_per_run": int(env["DURATION"]),
    "machine": {"cpus": os.cpu_count(), "cpu": cpu, "memory_gib": round(mem_kb / 1048576, 1),
                "kernel": platform.release()},
    "dataset_generation_seconds": num(env["GENERATION"]), "dataset_phases": phases,
    "reindex_seconds": num(env["REINDEX"]),
    "rss_start_kb": int(env["RSS_START"] or 0), "rss_end_kb": int(env["RSS_END"] or 0),
    "rss_max_kb": max([r["rss_max_kb"] for r in rows] + [0]),
    "load_average_start": env.get("LOADAVG_START", ""), "load_average_end": env.get("LOADAVG", ""),
    "runs": rows,
}
json.dump(doc, open(env["STEM"] + ".json", "w"), indent=1)
md = [f"# Benchmark {doc['date']} {doc['commit']}{' (uncommitted changes)' if doc['uncommitted_changes'] else ''}"
      f" — {doc['backend']}, {doc['size']} dataset", "",
      f"Machine: {doc['machine']['cpus']} vCPU {cpu}, {doc['machine']['memory_gib']} GiB. "
      f"wrk, {doc['seconds_per_run']} s per run. Dataset built in {doc['dataset_generation_seconds']} s; "
      f"`prassi search reindex`: {'skipped' if doc['reindex_seconds'] is None else str(doc['reindex_seconds']) + ' s'}. RSS at start {doc['rss_start_kb'] // 1024} MB, "
      f"peak {doc['rss_max_kb'] // 1024} MB. Load average {doc['load_average_start']} at start, {doc['load_average_end']} at end.", "",
      "| page | conn | req/s | p50 ms | p99 ms | non-2xx | errors | RSS max MB | of which anon / file |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
for r in rows:
    md.append(f"| {r['page']} | {r['connections']} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | "
              f"{r['non2xx']} | {r['socket_errors'] + r['timeouts']} | {r['rss_max_kb'] // 1024} | "
              f"{r.get('rss_max_anon_kb', 0) // 1024} / {r.get('rss_max_file_kb', 0) // 1024} |")
writes = [r for r in rows if r.get("outbox_backlog") is not None]
if writes:
    md += ["", "Outbox after each write run (search indexing and notification deliveries left when wrk stopped, and the time the worker took to drain them):", ""]
    for r in writes:
        drain = "not drained in 120 s" if r.get("outbox_drain_seconds") is None else f"drained in {r['outbox_drain_seconds']} s"
        md.append(f"- {r['page']}, {r['connections']} connections: {r['outbox_backlog']} events pending, {drain}")
open(env["STEM"] + ".md", "w").write("\n".join(md) + "\n")
print("\n".join(md))
print(f"\nwritten: {env['STEM']}.json and .md")
if env.get("COMPARE"):
    old = json.load(open(env["COMPARE"]))
    before = {(r["page"], r["connections"]): r for r in old["runs"]}
    print(f"\nCompared with {env['COMPARE']} ({old['date']} {old['commit']}, {old['backend']}):")
    print(f"{'page':<15} {'conn':>4} {'req/s before':>12} {'after':>9} {'change':>8} {'p99 before':>10} {'after':>8}")
    for r in rows:
        b = before.get((r["page"], r["connections"]))
        if not b:
            continue
        change = (r["rps"] - b["rps"]) / b["rps"] * 100 if b["rps"] else float("inf")
        print(f"{r['page']:<15} {r['connections']:>4} {b['rps']:>12.0f} {r['rps']:>9.0f} {change:>+7.0f}% "
              f"{b['p99_ms']:>10.1f} {r['p99_ms']:>8.1f}")
    for k in ("reindex_seconds", "rss_max_kb"):
        print(f"{k}: {old.get(k)} -> {doc.get(k)}")
PY

bad=$(python3 -c "import json,sys; print(sum(r['non2xx'] + r['socket_errors'] + r['timeouts'] for r in map(json.loads, open('$results'))))")
rm -f "$results" "$samples"
if [ "$bad" != 0 ] || [ "$failures" != 0 ]; then
  echo "WARNING: $bad requests failed or answered outside 2xx; $failures pages did not answer 200" >&2
  [ "$quick" = 1 ] && exit 1
fi
exit 0
