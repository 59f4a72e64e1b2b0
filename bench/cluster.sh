#!/usr/bin/env bash
# Benchmarks of cluster sweeps and plans, printed as figures (README: "Cluster sweeps: measured").
#   1. the whole Llama-3.1-70B layout search (scenarios/examples/plan-llama-3.1-70b-64-h100.yaml)
#      on this machine, locally, --parallel = its cores;
#   2. the cost per point of a cluster sweep against a local one: 120 tiny points (an 8-GPU
#      all-reduce of 1 MiB; locally the last 60), one slot either way, timed from the first point kept to the last;
#   3. the speed-up of two workers over one on a CPU-bound sweep (30 training points).
# Workers stay up between sweeps (as `worker` does), so each figure is taken on warm JVMs: the
# same sweep runs once to warm up, then once measured.
# Everything runs on 127.0.0.1. Usage: bench/cluster.sh [--skip-plan]. Prints uptime's load too:
# on a shared 2-core machine the figures move with what else runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
sim() { ./supernode-sim "$@"; }
tmp=$(mktemp -d); pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
sim --version >/dev/null   # builds the jar first if needed
stamp() { while IFS= read -r line; do printf '%s %s\n' "$(date +%s.%N)" "$line"; done; }
# span FILE PATTERN [LAST]: seconds from the first to the last line matching PATTERN (of the LAST
# such lines only, if given), and their count
span() { grep -E "$2" "$1" | tail -n "${3:-100000}" | awk 'NR==1{a=$1} {b=$1; n++} END{printf "%.3f %d\n", b-a, n}'; }
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
echo "machine: $(nproc) cores; load before: $(uptime | sed 's/.*load average: //')"

if [ "${1:-}" != "--skip-plan" ]; then
  s=$(date +%s.%N)
  sim plan scenarios/examples/plan-llama-3.1-70b-64-h100.yaml --out "$tmp/plan" >"$tmp/plan.log"
  e=$(date +%s.%N)
  head -1 "$tmp/plan.log" | sed 's/^/plan: /'
  printf 'plan: whole search %.1f s wall (%s cores, JVM start and build check included); best: %s\n' \
    "$(calc "$e - $s")" "$(nproc)" "$(sed -n 2p "$tmp/plan/plan.csv" | cut -d, -f2)"
fi

tiny="$tmp/tiny.yaml"
cat >"$tiny" <<'Y'
name: bench-tiny
cluster: { system: hgx-h100-8, nodes: 1 }
workload:
  collectives: [{ kind: all-reduce, size: 1 MiB }]
report: [json, csv]
sweep:
  seed: [SEEDS]
Y
sed -i "s/SEEDS/$(seq -s ', ' 1 120)/" "$tiny"
heavy="$tmp/heavy.yaml"
cat >"$heavy" <<'Y'
name: bench-heavy
seed: 7
cluster: { system: cloudmatrix384, chips: 8 }
workload:
  training:
    model: qwen3-32b
    parallelism: { tp: 4, pp: 2, sequenceParallel: true }
    zero: 1
    globalBatch: 960
    recomputation: selective
report: [json, csv]
sweep:
  cluster.chips: [8, 16, 24, 32, 40]
  workload.training.globalBatch: [960, 1200, 1440, 1680, 1920, 2160]
Y

# local FILE: a local sweep, one point at a time; prints "seconds points" first to last kept
local_sweep() {
  sim sweep "$1" --out "$tmp/local-$(basename "$1")" --parallel 1 2>&1 | stamp >"$tmp/local.log"
  # the last half only: the first half warms the JVM up, as the workers' warm-up sweeps do
  span "$tmp/local.log" '\] .* (ok|failed);' 60
}
# coordinator FILE PORT NAME: a cluster sweep whose coordinator runs no point itself; the workers
# already started join it. Prints "seconds points" from the first point kept to the last.
coordinator() {
  sim sweep "$1" --out "$tmp/$3" --cluster --bind "127.0.0.1:$2" 2>&1 | stamp >"$tmp/$3.log"
  span "$tmp/$3.log" '^[0-9.]+ point .* (ran on|failed)'
}
# worker PORT: a worker of one slot joining 127.0.0.1:PORT; it serves every sweep there until
# killed, so its second sweep runs on a warm JVM.
worker() {
  sim worker --join "127.0.0.1:$1" --bind "127.0.0.1:$(port)" --slots 1 >>"$tmp/workers.log" 2>&1 &
  pids+=($!)
}

read -r lt ln < <(local_sweep "$tiny")
p=$(port)
worker "$p"
coordinator "$tiny" "$p" tiny-warm-up >/dev/null
read -r ct cn < <(coordinator "$tiny" "$p" tiny)
echo "overhead: local sweep, $ln tiny points: $(calc "1000*$lt/($ln-1)") ms per point (first to last kept)"
echo "overhead: cluster sweep, 1 warm worker of 1 slot, $cn tiny points: $(calc "1000*$ct/($cn-1)") ms per point"
echo "overhead: cluster cost per point: $(calc "1000*($ct/($cn-1) - $lt/($ln-1))") ms"

coordinator "$heavy" "$p" heavy-warm-up-1 >/dev/null
read -r h1 n1 < <(coordinator "$heavy" "$p" heavy-1)
worker "$p"
coordinator "$heavy" "$p" heavy-warm-up-2 >/dev/null
read -r h2 n2 < <(coordinator "$heavy" "$p" heavy-2)
echo "speed-up: CPU-bound sweep of $n1 points, 1 warm worker of 1 slot: $h1 s first to last kept"
echo "speed-up: the same, 2 warm workers of 1 slot each: $h2 s; speed-up $(calc "$h1/$h2")"
echo "machine: load after: $(uptime | sed 's/.*load average: //')"
