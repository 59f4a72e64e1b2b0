#!/usr/bin/env bash
# Chip against stage fidelity on every training example, gradient reduction after backward
# (overlapGradientReduce: false), each on its own network model: step time within 0.5 % and memory
# to the byte where nothing contends (README, Training fidelity). The small examples are also unit
# tests (ChipFidelityTest); this covers the large ones, whose chip runs take from seconds to
# minutes (DeepSeek-V3's 64-way all-to-alls on 2,048 chips: about 2 CPU minutes, 3 of wall at load
# 4), so each run is capped at LIMIT seconds (default 600) and a capped run is reported as such,
# not as agreement.
#   bash bench/training-agreement.sh [example.yaml ...]    (default: every training example)
set -u
cd "$(dirname "$0")/.."
limit=${LIMIT:-600}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
examples=("$@")
if [ ${#examples[@]} = 0 ]; then
  mapfile -t examples < <(grep -l '^  training:' scenarios/examples/*.yaml scenarios/examples/training/*.yaml | grep -v '/plan-')
fi
fails=0
for ex in "${examples[@]}"; do
  extra=()
  # The contention example exists to share its spine on the flow model (ChipFidelityTest checks
  # that against closed forms); on the analytical model nothing shares a link.
  case "$ex" in *contention-fat-tree*) extra=(--set network.model=analytical) ;; esac
  for f in chip stage; do
    SUPERNODE_SIM_JAVA_OPTS=${SUPERNODE_SIM_JAVA_OPTS:--Xmx6g} timeout "$limit" ./supernode-sim run "$ex" --out "$tmp/$f" \
      --set workload.training.fidelity=$f --set workload.training.overlapGradientReduce=false \
      "${extra[@]}" >"$tmp/$f.log" 2>&1 \
      || echo "$(basename "$ex") $f: not run in ${limit} s ($(tail -1 "$tmp/$f.log" | cut -c1-120))" >"$tmp/$f.fail"
  done
  if [ -f "$tmp/chip.fail" ] || [ -f "$tmp/stage.fail" ]; then
    cat "$tmp"/*.fail; rm -f "$tmp"/*.fail "$tmp"/*/result.json; continue
  fi
  python3 - "$ex" "$tmp/chip/result.json" "$tmp/stage/result.json" <<'PY' || fails=$((fails+1))
import json,sys
r=[json.load(open(p)) for p in sys.argv[2:4]]
c,s=(x["training"] for x in r)
d=(c["stepSeconds"]-s["stepSeconds"])/s["stepSeconds"]
same=c["memoryPeakBytes"]==s["memoryPeakBytes"] and c["memory"]==s["memory"]
ok=abs(d)<=0.005 and same
print(f"{sys.argv[1].split('/')[-1]} ({r[0]['networkModel']}): chip {c['stepSeconds']:.4f} s, stage {s['stepSeconds']:.4f} s, {100*d:+.2f} %, memory {'equal' if same else 'DIFFERS'}: {'ok' if ok else 'FAIL'}")
sys.exit(0 if ok else 1)
PY
  rm -f "$tmp"/*/result.json
done
echo "training-agreement: $fails example(s) disagree"
[ $fails = 0 ]
