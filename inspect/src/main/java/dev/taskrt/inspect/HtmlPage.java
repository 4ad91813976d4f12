package dev.taskrt.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * The self-contained HTML page: inline CSS, the recording's timeline drawn as SVG by an inline
 * script from JSON embedded in the page (a bar per task on its thread's row, coloured by outcome,
 * linked-failure arrows, details on hover), then the same sections as the terminal views. Nothing
 * is fetched from the network.
 */
final class HtmlPage {
  /** Most bars on the timeline; beyond it the tasks that did not end DONE go first. */
  static final int MAX_BARS = 5_000;

  private HtmlPage() {}

  static String render(Recording rec, List<View> views) {
    Html h = new Html();
    h.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    h.raw("<title>").text("taskrt: " + rec.file.getFileName()).raw("</title>");
    h.raw("<style>").raw(CSS).raw("</style></head><body>");
    h.raw("<header><h1>taskrt</h1><span>").text(String.valueOf(rec.file)).raw("</span></header>");
    h.raw("<nav>");
    h.raw("<a href=\"#timeline\">timeline</a>");
    for (View v : views) {
      h.raw("<a href=\"#").raw(v.name()).raw("\">").text(v.name()).raw("</a>");
    }
    h.raw("</nav><main>");
    timeline(h, rec);
    for (View v : views) {
      v.html(h);
    }
    h.raw("</main><div id=\"tip\" hidden></div>");
    h.raw("<script>").raw(SCRIPT).raw("</script></body></html>\n");
    return h.out.toString();
  }

  /** Writes the timeline section and its data; returns the number of bars. */
  private static int timeline(Html h, Recording rec) {
    TaskTable tasks = rec.tasks;
    List<Integer> rows = new ArrayList<>();
    for (int row = 0; row < tasks.size() && rows.size() < MAX_BARS; row++) {
      if (tasks.outcome(row) != TaskTable.DONE) {
        rows.add(row);
      }
    }
    long done = 0;
    for (int row = 0; row < tasks.size(); row++) {
      if (tasks.outcome(row) == TaskTable.DONE) {
        done++;
      }
    }
    // DONE tasks fill the rest, sampled evenly over the recording when there are too many
    long slots = MAX_BARS - rows.size();
    long seen = 0;
    for (int row = 0; row < tasks.size() && rows.size() < MAX_BARS; row++) {
      if (tasks.outcome(row) == TaskTable.DONE) {
        if (done <= slots || (seen * slots) / done != ((seen + 1) * slots) / done) {
          rows.add(row);
        }
        seen++;
      }
    }
    long origin = rec.origin();
    StringBuilder data = new StringBuilder(rows.size() * 96 + 256);
    Json j = new Json(data);
    j.beginObject();
    j.millis("spanMs", rec.span());
    j.field("tasksSeen", Math.max(rec.taskStarts, rec.taskEnds));
    j.name("threads").beginArray();
    for (int t = 0; t < rec.threadNames.size(); t++) {
      j.value(rec.threadLabel(t));
    }
    j.endArray();
    j.name("tasks").beginArray();
    for (int row : rows) {
      j.beginArray();
      j.value(tasks.id(row));
      j.value(rec.name(row));
      j.value(tasks.thread(row));
      j.value(Math.round((tasks.start(row) - origin) / 1e3) / 1e3);
      j.value(tasks.ended(row) ? Math.round(tasks.duration(row) / 1e3) / 1e3 : -1);
      j.value(tasks.outcomeName(row));
      j.value(rec.schedulerName(row));
      j.value(tasks.parent(row));
      j.value(
          tasks.outcome(row) == TaskTable.DONE
              ? ""
              : rec.endFailures.getOrDefault(tasks.id(row), ""));
      j.endArray();
    }
    j.endArray();
    j.name("links").beginArray();
    for (Recording.Linked l : rec.linked) {
      j.beginArray()
          .value(l.viaId())
          .value(l.taskId())
          .value(Math.round((l.time() - origin) / 1e3) / 1e3)
          .value(l.sourceId())
          .value(l.direction())
          .endArray();
    }
    j.endArray();
    j.endObject();
    h.section("timeline", "Timeline");
    h.raw("<p class=\"legend\"><span class=\"badge done\">DONE</span> ")
        .raw("<span class=\"badge failed\">FAILED</span> ")
        .raw("<span class=\"badge killed\">KILLED</span> ")
        .raw("<span class=\"badge running\">RUNNING</span> ")
        .raw("arrows: a failure passed on to a linked task. Hover a bar for details.");
    if (rows.size() < Math.max(rec.taskStarts, rec.taskEnds)) {
      h.text(
          " Showing "
              + Format.count(rows.size())
              + " of "
              + Format.count(Math.max(rec.taskStarts, rec.taskEnds))
              + " tasks: every one that did not end DONE, and a sample of the rest.");
    }
    h.raw("</p><div id=\"timeline-box\"><noscript>The timeline needs JavaScript.</noscript>")
        .raw("</div>");
    h.raw("<script type=\"application/json\" id=\"taskrt-data\">")
        .raw(data.toString())
        .raw("</script>");
    h.endSection();
    return rows.size();
  }

  private static final String CSS =
      String.join(
          "\n",
          ":root{--done:#3a9d5d;--failed:#d64545;--killed:#e0a030;--running:#5b7fd6;"
              + "--ink:#1d2330;--muted:#6b7385;--line:#dde1ea}",
          "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--ink);"
              + "margin:0;background:#f6f7fa}",
          "header{background:#1d2330;color:#fff;padding:10px 20px;display:flex;gap:16px;"
              + "align-items:baseline}",
          "header h1{margin:0;font-size:20px}header span{color:#aab;font-family:monospace}",
          "nav{padding:6px 20px;background:#fff;border-bottom:1px solid var(--line)}",
          "nav a{margin-right:14px;color:#345;text-decoration:none}",
          "main{padding:10px 20px}",
          "section{background:#fff;border:1px solid var(--line);border-radius:6px;"
              + "padding:8px 16px;margin:12px 0}",
          "h2{font-size:17px;margin:6px 0}h3{font-size:15px;margin:10px 0 4px}",
          "table{border-collapse:collapse;margin:6px 0}",
          "th,td{border-bottom:1px solid var(--line);padding:3px 10px;text-align:left;"
              + "vertical-align:top}",
          "th{background:#f0f2f6;font-weight:600}",
          ".badge{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;font-size:12px;"
              + "font-weight:600}",
          ".badge.done{background:var(--done)}.badge.failed{background:var(--failed)}",
          ".badge.killed{background:var(--killed)}.badge.running{background:var(--running)}",
          ".badge.timed_out{background:var(--failed)}",
          ".id{color:var(--muted);font-size:12px}.fail{color:var(--failed)}",
          ".omitted,.note{color:var(--muted)}",
          "ul.tree,ul.tree ul{list-style:none;padding-left:18px;margin:0}",
          "ul.tree summary{cursor:pointer}ul.tree .leaf{margin-left:14px}",
          "pre{background:#f3f4f8;padding:6px;font-size:12px;overflow:auto}",
          "#timeline-box{overflow-x:auto}",
          "svg .bar{stroke:#0003;stroke-width:.5}svg .bar:hover{stroke:#000;stroke-width:1.5}",
          "svg .bar.done{fill:var(--done)}svg .bar.failed{fill:var(--failed)}",
          "svg .bar.killed{fill:var(--killed)}svg .bar.running{fill:var(--running)}",
          "svg .link{fill:none;stroke:#a01010;stroke-width:1.4}",
          "svg .rowlabel{font-size:11px;fill:var(--muted)}svg .axis{font-size:10px;"
              + "fill:var(--muted)}svg .grid{stroke:var(--line)}",
          "svg .barlabel{font-size:10px;fill:#fff;pointer-events:none}",
          "#tip{position:fixed;background:#1d2330;color:#fff;padding:6px 8px;border-radius:4px;"
              + "font-size:12px;pointer-events:none;max-width:420px;white-space:pre-wrap;"
              + "z-index:10}");

  private static final String SCRIPT =
      String.join(
          "\n",
          "(function(){",
          "var D=JSON.parse(document.getElementById('taskrt-data').textContent);",
          "var NS='http://www.w3.org/2000/svg';",
          "function el(n,a){var e=document.createElementNS(NS,n);for(var k in a)"
              + "e.setAttribute(k,a[k]);return e;}",
          "var span=Math.max(D.spanMs,0.001),LEFT=170,W=Math.max(600,"
              + "(document.getElementById('timeline-box').clientWidth||1000)-LEFT-20),LANE=16;",
          "var byThread={},order=[];",
          "D.tasks.forEach(function(t){var k=t[2];if(!(k in byThread)){byThread[k]=[];"
              + "order.push(k);}byThread[k].push(t);});",
          "order.sort(function(a,b){return byThread[a][0][3]-byThread[b][0][3];});",
          "var pos={},y=24,rows=[];",
          "order.forEach(function(k){var list=byThread[k].slice().sort(function(a,b){"
              + "return a[3]-b[3]||b[4]-a[4];});var ends=[],lanes=1;",
          " list.forEach(function(t){var end=t[4]<0?span:t[3]+t[4];",
          "  while(ends.length&&ends[ends.length-1]<=t[3])ends.pop();",
          "  var lane=ends.length;ends.push(end);lanes=Math.max(lanes,lane+1);",
          "  pos[t[0]]={t:t,lane:lane,row:rows.length};});",
          " rows.push({k:k,y:y,lanes:lanes});y+=lanes*LANE+6;});",
          "var H=y+10,svg=el('svg',{width:LEFT+W+20,height:H,id:'timeline-svg'});",
          "svg.appendChild(el('defs',{})).innerHTML='<marker id=\"arrow\" viewBox=\"0 0 10 10\" "
              + "refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
              + "<path d=\"M0,0L10,5L0,10z\" fill=\"#a01010\"/></marker>';",
          "function X(ms){return LEFT+ms/span*W;}",
          "for(var i=0;i<=10;i++){var gx=X(span*i/10);svg.appendChild(el('line',{x1:gx,x2:gx,"
              + "y1:14,y2:H,'class':'grid'}));var tx=el('text',{x:i<10?gx+2:gx-2,y:11,'class':'axis','text-anchor':i<10?'start':'end'});"
              + "tx.textContent=(span*i/10).toFixed(span<10?2:0)+' ms';svg.appendChild(tx);}",
          "rows.forEach(function(r){var lab=el('text',{x:4,y:r.y+11,'class':'rowlabel'});"
              + "var name=D.threads[r.k]||'?';lab.textContent=name.length>26?name.slice(0,25)+"
              + "'\\u2026':name;svg.appendChild(lab);});",
          "var tip=document.getElementById('tip');",
          "function describe(t){return t[1]+' #'+t[0]+'\\n'+t[5]+(t[4]<0?' (still running)':"
              + "' after '+t[4].toFixed(3)+' ms')+'\\nstarted at +'+t[3].toFixed(3)+' ms on '+"
              + "(D.threads[t[2]]||'?')+'\\nscheduler '+t[6]+(t[7]?', parent #'+t[7]:', root')"
              + "+(t[8]?'\\n'+t[8]:'');}",
          "Object.keys(pos).forEach(function(id){var p=pos[id],t=p.t,r=rows[p.row];",
          " var x=X(t[3]),w=Math.max(2,(t[4]<0?span-t[3]:t[4])/span*W),by=r.y+p.lane*LANE;",
          " var b=el('rect',{x:x,y:by,width:w,height:LANE-3,rx:2,'class':'bar '+"
              + "t[5].toLowerCase(),'data-id':t[0]});",
          " var title=el('title',{});title.textContent=describe(t);b.appendChild(title);",
          " b.addEventListener('mousemove',function(e){tip.hidden=false;tip.textContent="
              + "describe(t);tip.style.left=(e.clientX+12)+'px';tip.style.top=(e.clientY+12)+"
              + "'px';});",
          " b.addEventListener('mouseleave',function(){tip.hidden=true;});",
          " svg.appendChild(b);",
          " if(w>40){var l=el('text',{x:x+3,y:by+10,'class':'barlabel'});l.textContent="
              + "t[1].slice(0,Math.floor(w/6));svg.appendChild(l);}});",
          "D.links.forEach(function(k){var a=pos[k[0]],b=pos[k[1]];if(!a||!b)return;",
          " var ra=rows[a.row],rb=rows[b.row],x=X(k[2]),ya=ra.y+a.lane*LANE+6,yb=rb.y+b.lane*"
              + "LANE+6;",
          " var p=el('path',{d:'M'+x+','+ya+' C'+(x+30)+','+ya+' '+(x+30)+','+yb+' '+(x+2)+','+yb,"
              + "'class':'link','marker-end':'url(#arrow)'});",
          " var tt=el('title',{});tt.textContent=a.t[1]+' #'+a.t[0]+' passed a failure to '+"
              + "b.t[1]+' #'+b.t[0]+' ('+k[4]+')';p.appendChild(tt);svg.appendChild(p);});",
          "document.getElementById('timeline-box').appendChild(svg);",
          "})();");
}
