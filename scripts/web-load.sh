#!/usr/bin/env bash
# Measures the web server on this machine, through its API only (docs/performance.md quotes it):
#   1. what-if reruns of korea-2018 with 1,000 draws (?wait=true, drivers off, as the dashboard's sliders ask): latency per request,
#      for a stance slider (one issue's draws change; the server reuses the other issues' forecasts) and for a capability
#      slider (every issue's draws change: nothing to reuse);
#   2. 50 runs asked for at once (1,000 draws each, with drivers): all complete, wall time;
#   3. server memory (RSS) after RUNS more runs (default 1000; 1,000 draws, drivers off, two clients).
# Usage: scripts/web-load.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1000}
dotnet build src/Parley.Cli -c Release -v q --nologo > /dev/null
work=$(mktemp -d)
out="$work/serve.out"
dotnet src/Parley.Cli/bin/Release/net10.0/parley.dll serve --port 0 --db "$work/load.db" > "$out" 2>&1 &
pid=$!
trap 'kill $pid 2> /dev/null || true; wait $pid 2> /dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$out" ] && break; sleep 0.1; done
url=$(head -n 1 "$out")
id=$(curl -s -H 'Content-Type: application/yaml' --data-binary @scenarios/korea-2018.yaml "${url}api/scenarios" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
rss() { awk '/^VmRSS/ {print $2/1024 " MB"}' "/proc/$pid/status"; }
whatif() { # $1: the edit; prints the request's wall time in ms and the server's run time in ms
  curl -s -o "$work/w.json" -w '%{time_total}' -H 'Content-Type: application/json' \
    -d "{\"scenario\":$id,\"draws\":1000,\"drivers\":false,\"whatif\":[\"$1\"]}" "${url}api/runs?wait=true" |
    python3 -c "import json,sys; t=float(sys.stdin.read()); r=json.load(open('$work/w.json')); assert r['status']=='succeeded', r; print(round(t*1000), round(r['run_ms']))"
}
echo "server $url (pid $pid), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); RSS at start $(rss)"
for s in 0.11 0.12 0.13 0.14 0.15; do whatif "china.sanctions.salience=$s" > /dev/null; done # warm-up (JIT)
echo "RSS after warm-up $(rss)"

summary() {
python3 - "$1" <<'PY'
import statistics, sys
rows = [tuple(map(int, line.split())) for line in open(sys.argv[1])]
req = sorted(r[0] for r in rows); run = sorted(r[1] for r in rows)
q = lambda xs, p: xs[min(len(xs) - 1, int(p * len(xs)))]
print(f"   {len(rows)} requests: median {statistics.median(req):.0f} ms, p90 {q(req, .9)} ms, max {req[-1]} ms (run alone: median {statistics.median(run):.0f} ms)")
PY
}
echo "1a. what-if reruns of a stance (china.sanctions.salience), 1,000 draws, drivers off (request ms, run ms):"
for i in $(seq 10 49); do whatif "china.sanctions.salience=0.$i"; done > "$work/whatif.txt"
summary "$work/whatif.txt"
echo "1b. what-if reruns of a capability (china.capability), 1,000 draws, drivers off:"
for i in $(seq 10 29); do whatif "china.capability=$i"; done > "$work/whatif-capability.txt"
summary "$work/whatif-capability.txt"

echo "2. 50 runs at once (1,000 draws, drivers on):"
start=$(date +%s.%N)
seq 50 | xargs -P 50 -I{} curl -s -H 'Content-Type: application/json' -d "{\"scenario\":$id,\"draws\":1000,\"seed\":{}}" "${url}api/runs" > "$work/ids.txt"
python3 - "$work/ids.txt" "$url" "$start" <<'PY'
import json, sys, time, urllib.request
text = open(sys.argv[1]).read().replace('}{', '}\n{')
ids = [json.loads(line)["id"] for line in text.splitlines() if line.strip()]
url, start = sys.argv[2], float(sys.argv[3])
while True:
    runs = [json.load(urllib.request.urlopen(f"{url}api/runs/{i}?result=false")) for i in ids]
    if all(r["status"] not in ("queued", "running") for r in runs):
        break
    time.sleep(0.5)
done = sum(r["status"] == "succeeded" for r in runs)
print(f"   {len(ids)} asked, {done} succeeded in {time.time() - start:.1f} s wall; run time each median {sorted(r['run_ms'] for r in runs)[len(runs)//2]:.0f} ms")
PY
echo "   RSS $(rss)"

echo "3. $runs more runs (1,000 draws, drivers off, two clients):"
start=$(date +%s)
seq "$runs" | xargs -P 2 -I{} curl -s -o /dev/null -H 'Content-Type: application/json' -d "{\"scenario\":$id,\"draws\":1000,\"drivers\":false,\"seed\":{}}" "${url}api/runs?wait=true"
total=$(curl -s "${url}api/runs?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
echo "   $runs runs in $(( $(date +%s) - start )) s; $total runs in the history; RSS $(rss); database $(du -h "$work/load.db" | cut -f1)"
