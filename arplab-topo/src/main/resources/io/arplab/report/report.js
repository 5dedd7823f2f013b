'use strict';
// Draws the ladder from the data block: lanes [name, kind, sub]; frames [label, firstAt, layers, hex, broadcast];
// hops [time ns, y, from lane, to lane, frame]; moments [time, y0, y1]; gaps [y, text];
// entries [host, dev, ip, bands [time, y0, y1, state, cause]]; neigh [time, host, dev, ip, lladdr, state];
// fdb [time, bridge, port, mac]; ovs [bridge]; macs [time, bridge, port, vlan, mac, kind 0 learned 1 static 2 gone].
// Only the rows near the visible window are in the page at once.
(function () {
  const D = JSON.parse(document.getElementById('data').textContent);
  const NS = 'http://www.w3.org/2000/svg';
  const LANE = 120, LEFT = 96, COL = 18, ROW = 22, HEAD = 116, MARGIN = 800;
  // the entries' band columns begin after the lanes and the longest frame label (each starts beside its hop's left
  // lane, in a monospace font of 10.5px: about 6.4px a character), so that no label runs over a band or is cut off
  let labelEnd = LEFT + D.lanes.length * LANE;
  D.hops.forEach(hp => {
    const end = LEFT + Math.min(hp[2], hp[3]) * LANE + LANE / 2 + 8 + D.frames[hp[4]][0].length * 6.4;
    if (end > labelEnd) labelEnd = end;
  });
  const E0 = Math.ceil(labelEnd) + 24;
  const WIDTH = E0 + D.entries.length * COL + 40;
  const box = document.getElementById('ladder');
  const head = document.getElementById('ladder-head');
  const body = document.getElementById('ladder-body');
  let selected = -1, drawnFrom = -1, drawnTo = -1, cursorY = -1, layer = null;

  function el(tag, attrs, text) {
    const e = document.createElementNS(NS, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function h(tag, text, cls) {
    const e = document.createElement(tag);
    if (text != null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function secs(t) {
    return Math.floor(t / 1e9) + '.' + String(Math.floor((t % 1e9) / 1e3)).padStart(6, '0');
  }
  function laneX(i) { return LEFT + i * LANE + LANE / 2; }
  function kind(f) {
    const l = f[0];
    return l.startsWith('ARP, Request') ? 'arp-req' : l.startsWith('ARP, Reply') ? 'arp-rep' : / ICMP /.test(l) ? 'icmp' : 'other';
  }
  function lowerBound(arr, y, key) {
    let lo = 0, hi = arr.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (key(arr[m]) < y) lo = m + 1; else hi = m; }
    return lo;
  }

  // the sticky header: lane names, then each neighbour entry's name, slanted
  const hs = el('svg', {width: WIDTH, height: HEAD, id: 'ladder-lanes'});
  D.lanes.forEach((l, i) => {
    const g = el('g', {'class': 'lane ' + l[1], 'data-lane': l[0]});
    g.appendChild(el('text', {x: laneX(i), y: HEAD - 26, 'text-anchor': 'middle', 'font-weight': 'bold', 'font-size': 12}, l[0]));
    g.appendChild(el('text', {x: laneX(i), y: HEAD - 10, 'text-anchor': 'middle', 'font-size': 10, fill: '#666'}, l[2]));
    hs.appendChild(g);
  });
  hs.appendChild(el('text', {x: 4, y: HEAD - 10, 'font-size': 10, fill: '#666'}, 'time (s)'));
  D.entries.forEach((e, i) => {
    const x = E0 + i * COL + COL / 2;
    hs.appendChild(el('text', {x: x, y: HEAD - 4, 'font-size': 10, transform: 'rotate(-60 ' + x + ' ' + (HEAD - 4) + ')',
      'class': 'entry-name'}, e[0] + ' ' + e[2]));
  });
  head.appendChild(hs);

  body.setAttribute('width', WIDTH);
  body.setAttribute('height', D.height);
  D.lanes.forEach((l, i) => body.appendChild(el('line', {'class': 'lifeline ' + l[1], x1: laneX(i), y1: 0, x2: laneX(i), y2: D.height})));
  // the neighbour-state bands are few (a handful per entry): drawn once, not on every scroll
  const bands = el('g', {id: 'bands'});
  D.entries.forEach((e, i) => e[3].forEach(b => {
    const r = el('rect', {'class': 'band nud-' + b[3], x: E0 + i * COL + 3, y: b[1], width: COL - 6, height: b[2] - b[1],
      'data-entry': e[0] + ' ' + e[2], 'data-state': b[3]});
    r.appendChild(el('title', {}, e[0] + ' ' + e[2] + ' dev ' + e[1] + ': ' + b[3] + ' from ' + secs(b[0]) + ' s \u2014 ' + b[4]));
    bands.appendChild(r);
  }));
  body.appendChild(bands);
  const cursor = el('line', {'class': 'cursor', x1: 0, x2: WIDTH, y1: -10, y2: -10});

  function hopGroup(i) {
    const hp = D.hops[i], f = D.frames[hp[4]];
    const x1 = laneX(hp[2]), x2 = laneX(hp[3]), y = hp[1] + 15, dir = x2 > x1 ? 1 : -1;
    const g = el('g', {'class': 'hop ' + kind(f) + (f[4] ? ' bcast' : '') + (i === selected ? ' sel' : ''),
      'data-hop': i, 'data-frame': hp[4] + 1, 'data-from': D.lanes[hp[2]][0], 'data-to': D.lanes[hp[3]][0]});
    g.appendChild(el('rect', {'class': 'hit', x: Math.min(x1, x2) - 4, y: hp[1], width: Math.abs(x2 - x1) + 8, height: ROW}));
    g.appendChild(el('line', {x1: x1, y1: y, x2: x2 - dir * 6, y2: y}));
    g.appendChild(el('polygon', {points: x2 + ',' + y + ' ' + (x2 - dir * 8) + ',' + (y - 4) + ' ' + (x2 - dir * 8) + ',' + (y + 4)}));
    const prev = D.hops[i - 1], next = D.hops[i + 1];
    if ((prev && prev[4] === hp[4] && prev[2] === hp[2]) || (next && next[4] === hp[4] && next[2] === hp[2])) {
      g.appendChild(el('circle', {cx: x1, cy: y, r: 3})); // one frame flooded to several ports
    }
    g.appendChild(el('text', {'class': 'label', x: Math.min(x1, x2) + 8, y: hp[1] + 10}, f[0]));
    return g;
  }

  function draw() {
    const started = performance.now();
    const top = box.scrollTop - MARGIN, bottom = box.scrollTop + box.clientHeight + MARGIN;
    const from = lowerBound(D.hops, top, a => a[1]);
    const to = lowerBound(D.hops, bottom, a => a[1]);
    if (layer && from === drawnFrom && to === drawnTo) return;
    drawnFrom = from; drawnTo = to;
    const g = el('g', {id: 'window'});
    for (let i = lowerBound(D.gaps, top, a => a[0]); i < D.gaps.length && D.gaps[i][0] < bottom; i++) {
      const gp = D.gaps[i], gg = el('g', {'class': 'gap'});
      gg.appendChild(el('rect', {x: 2, y: gp[0] + 4, width: WIDTH - 4, height: 22}));
      gg.appendChild(el('text', {x: LEFT + 8, y: gp[0] + 19}, '\u22ef ' + gp[1] + ' \u22ef'));
      g.appendChild(gg);
    }
    for (let i = lowerBound(D.moments, top, a => a[1]); i < D.moments.length && D.moments[i][1] < bottom; i++) {
      const m = D.moments[i];
      g.appendChild(el('text', {'class': 'time', x: 4, y: m[1] + 13, 'data-moment': i}, secs(m[0])));
    }
    for (let i = from; i < to; i++) g.appendChild(hopGroup(i));
    if (layer) body.replaceChild(g, layer); else body.appendChild(g);
    layer = g;
    body.appendChild(cursor);
    document.body.setAttribute('data-draw-ms', (performance.now() - started).toFixed(1));
  }

  function nudLine(ip, dev, lladdr, state) {
    return ip + ' dev ' + dev + ' ' + (lladdr ? 'lladdr ' + lladdr + ' ' : '') + state;
  }

  function setTime(t, y) {
    cursorY = y;
    cursor.setAttribute('y1', y); cursor.setAttribute('y2', y);
    document.getElementById('now').textContent = 't = ' + secs(t) + ' s';
    const div = document.getElementById('tables');
    div.replaceChildren(h('h2', 'Tables at ' + secs(t) + ' s'));
    if (!D.traced) div.appendChild(h('p', 'Neighbour tables: not traced (report made from captures).', 'hint'));
    const hosts = new Map();
    D.lanes.forEach(l => { if (l[1] !== 'bridge') hosts.set(l[0], new Map()); });
    for (const n of D.neigh) {
      if (n[0] > t) break;
      const m = hosts.get(n[1]) || new Map();
      hosts.set(n[1], m);
      if (n[5] === 'NONE') m.delete(n[2] + ' ' + n[3]); else m.set(n[2] + ' ' + n[3], nudLine(n[3], n[2], n[4], n[5]));
    }
    let empty = [];
    if (D.traced) hosts.forEach((m, host) => {
      if (m.size === 0) { empty.push(host); return; }
      div.appendChild(h('h3', host + '$ ip neigh'));
      div.appendChild(h('pre', Array.from(m.values()).join('\n'), 'neigh')).setAttribute('data-host', host);
    });
    if (empty.length) div.appendChild(h('p', 'No neighbour entries: ' + empty.join(' '), 'hint'));
    const ovs = new Set(D.ovs), fdbs = new Map(), macs = new Map();
    D.lanes.forEach(l => { if (l[1] === 'bridge') (ovs.has(l[0]) ? macs : fdbs).set(l[0], new Map()); });
    for (const f of D.fdb) {
      if (f[0] > t) break;
      fdbs.get(f[1]).set(f[3], f[3] + ' dev ' + f[2] + ' master ' + f[1]);
    }
    fdbs.forEach((m, br) => {
      div.appendChild(h('h3', 'bridge fdb show br ' + br + ' (learned entries)'));
      div.appendChild(h('pre', m.size ? Array.from(m.values()).join('\n') : '(none yet)', 'fdb')).setAttribute('data-bridge', br);
    });
    // an Open vSwitch bridge's table as fdb/show prints it: least recently learned first, the age in whole seconds
    for (const c of D.macs) {
      if (c[0] > t) break;
      const m = macs.get(c[1]);
      if (!m) continue;
      const key = c[3] + ' ' + c[4];
      m.delete(key);
      if (c[5] !== 2) m.set(key, c);
    }
    const sec = ns => Math.floor(ns / 1e9);
    macs.forEach((m, br) => {
      const rows = Array.from(m.values()).map(c => c[2].padStart(5) + '  ' + String(c[3]).padStart(4) + '  ' + c[4]
        + '  ' + (c[5] === 1 ? 'static' : String(sec(t) - sec(c[0])).padStart(3)));
      div.appendChild(h('h3', 'ovs-appctl fdb/show ' + br));
      div.appendChild(h('pre', ' port  VLAN  MAC                Age' + (rows.length ? '\n' + rows.join('\n') : ''), 'fdb'))
        .setAttribute('data-bridge', br);
    });
  }

  function showFrame(i) {
    const hp = D.hops[i], f = D.frames[hp[4]];
    const div = document.getElementById('frame');
    div.replaceChildren(h('h2', 'Frame ' + (hp[4] + 1)));
    div.appendChild(h('p', f[0], 'line'));
    div.appendChild(h('p', 'At ' + secs(hp[0]) + ' s, ' + D.lanes[hp[2]][0] + ' \u2192 ' + D.lanes[hp[3]][0]
      + ' (first sent by ' + f[1] + ')'));
    for (const layerData of f[2]) {
      const d = h('details'); d.open = true;
      d.appendChild(h('summary', layerData[0]));
      const tbl = h('table');
      for (const fld of layerData[1]) {
        const tr = h('tr'); tr.appendChild(h('td', fld[0])); tr.appendChild(h('td', fld[1])); tbl.appendChild(tr);
      }
      d.appendChild(tbl);
      div.appendChild(d);
    }
    div.appendChild(h('h3', 'Bytes'));
    div.appendChild(h('pre', f[3], 'hex'));
  }

  function select(i, scroll) {
    if (i < 0 || i >= D.hops.length) return;
    selected = i;
    const hp = D.hops[i];
    if (scroll && (hp[1] < box.scrollTop + HEAD || hp[1] > box.scrollTop + box.clientHeight - ROW)) {
      box.scrollTop = Math.max(0, hp[1] - box.clientHeight / 2);
    }
    layer = null; if (body.querySelector('#window')) body.removeChild(body.querySelector('#window'));
    draw();
    showFrame(i);
    setTime(hp[0], hp[1] + 15);
  }

  body.addEventListener('click', ev => {
    const g = ev.target.closest('.hop');
    if (g) { select(+g.getAttribute('data-hop'), false); return; }
    const tm = ev.target.closest('.time');
    if (tm) { const m = D.moments[+tm.getAttribute('data-moment')]; setTime(m[0], m[1] + 1); }
  });
  document.getElementById('prev').addEventListener('click', () => select(selected - 1, true));
  document.getElementById('next').addEventListener('click', () => select(selected + 1, true));
  document.addEventListener('keydown', ev => {
    if (ev.key === 'ArrowRight' || ev.key === 'j') { select(selected + 1, true); ev.preventDefault(); }
    if (ev.key === 'ArrowLeft' || ev.key === 'k') { select(selected - 1, true); ev.preventDefault(); }
  });
  let pending = false;
  box.addEventListener('scroll', () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; draw(); });
  });
  draw();
  document.body.setAttribute('data-rendered-ms', Math.round(performance.now()));
  if (location.hash === '#measure') { // arplab bench --report: one jump to the middle, drawn and laid out
    const t0 = performance.now();
    box.scrollTop = D.height / 2;
    draw();
    if (layer.lastChild) layer.lastChild.getBoundingClientRect();
    document.body.setAttribute('data-scroll-ms', (performance.now() - t0).toFixed(1));
  }
})();
