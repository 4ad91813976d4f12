import json,glob,statistics as st,collections
for jdk in ("25","17"):
    wall=collections.defaultdict(list); cpu=collections.defaultdict(list)
    files=sorted(glob.glob(f"/tmp/cdsw/m/r{jdk}-*.json"))
    for f in files:
        for r in json.load(open(f))["results"]:
            wall[r["command"]]+=r["times"]; cpu[r["command"]].append((r["user"]+r["system"])*1000)
    print(f"JDK {jdk} ({len(files)} rounds)")
    base=None
    for k in wall:
        w=st.median(wall[k])*1000; c=st.mean(cpu[k])
        if base is None: base=(w,c)
        print(f"  {k:15s} wall median {w:7.0f} ms  CPU {c:5.0f} ms  (per round: {', '.join('%.0f'%x for x in cpu[k])})  CPU x{c/base[1]:.2f}")
