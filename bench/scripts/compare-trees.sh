#!/usr/bin/env bash
# Compares the same JMH benchmarks built in two trees (for example the commit before a change and
# the change itself), side by side in rounds: each round runs one fork in the BEFORE tree, then one
# in the AFTER tree (the order alternating from round to round), and the ratio after/before is taken
# within the round. Prints, per benchmark, the median ratio with its min-max over the rounds, and
# the allocation per operation of each side (from -prof gc).
#
# Each tree must hold bench/target/benchmarks.jar and agent/target/taskrt-agent.jar (benchmarks
# that fork under the agent name the jar by that relative path, so each fork runs in its tree).
#
#   bench/scripts/compare-trees.sh BEFORE_DIR AFTER_DIR ROUNDS REGEX [JMH options...]
#   bench/scripts/compare-trees.sh /work/before-tree . 5 'InstrumentedCallBenchmark' -wi 3 -i 5
set -euo pipefail
before=$(cd "$1" && pwd); after=$(cd "$2" && pwd); rounds=$3; regex=$4; shift 4
out=$(mktemp -d)
for ((r = 1; r <= rounds; r++)); do
  if ((r % 2)); then order="before after"; else order="after before"; fi
  for side in $order; do
    dir=$before; [[ $side == after ]] && dir=$after
    echo "round $r/$rounds: $side" >&2
    (cd "$dir" && java -jar bench/target/benchmarks.jar "$regex" -f 1 -prof gc "$@" \
      -rf csv -rff "$out/$side-$r.csv" >"$out/$side-$r.log" 2>&1) ||
      { echo "the $side run failed; its log: $out/$side-$r.log" >&2; exit 1; }
  done
done
# name,side,round,score
for f in "$out"/*.csv; do
  side=$(basename "$f" .csv | cut -d- -f1); round=$(basename "$f" .csv | cut -d- -f2)
  tail -n +2 "$f" | tr -d '"' | awk -F, -v s="$side" -v r="$round" \
    '{n=$1; m=""; i=index(n,":"); if (i) { m=substr(n,i+1); n=substr(n,1,i-1) }
        if (m != "" && m !~ /gc.alloc.rate.norm/) next
        sub(/^.*\./,"",n); if (m != "") n=n" B/op"; print n","s","r","$5}'
done | sort >"$out/all.txt"
awk -F, '
  { v[$1","$2","$3]=$4; names[$1]=1; rs[$3]=1 }
  END {
    for (n in names) {
      k=0; split("", rat); sb=0; sa=0; c=0
      for (r in rs) { b=v[n",before,"r]; a=v[n",after,"r]; if (b=="" || a=="") continue
        sb+=b; sa+=a; c++; if (b>0) rat[++k]=a/b }
      if (c==0) continue
      for (i=2;i<=k;i++) { x=rat[i]; j=i-1; while (j>0 && rat[j]>x) { rat[j+1]=rat[j]; j-- } rat[j+1]=x }
      med=(k%2)? rat[(k+1)/2] : (rat[k/2]+rat[k/2+1])/2
      printf "%-28s %12.2f %12.2f %8.3f %8.3f-%-8.3f\n", n, sb/c, sa/c, (k?med:0), (k?rat[1]:0), (k?rat[k]:0)
    }
  }' "$out/all.txt" | sort >"$out/table.txt"
printf "%-28s %12s %12s %8s %17s\n" benchmark before after ratio min-max
cat "$out/table.txt"
echo "(scores: mean over rounds, JMH units; ratio: median of after/before within each round; raw: $out)"
