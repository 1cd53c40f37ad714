// The explorer page of `athena-lineage serve`: search, table pages, the lineage graph (laid
// out by the server as SVG) and the impact view. No framework, no build step, nothing from the
// network. Every name and SQL text from the API reaches the page as text (textContent or text
// nodes); the graph's SVG is parsed as XML and only known elements and attributes are kept.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const SVG_NS = 'http://www.w3.org/2000/svg';

  // ---- helpers -------------------------------------------------------------------------

  /** An element with attributes (never `on*`) and children (strings become text nodes). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'text') node.textContent = String(value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function svgEl(tag, attrs) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    return node;
  }

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function fetchText(path, accept) {
    const response = await fetch(path, { headers: { Accept: accept } });
    const text = await response.text();
    if (!response.ok) {
      let message = `${response.status} ${response.statusText}`;
      try {
        const body = JSON.parse(text);
        if (body && body.error && body.error.message) message = body.error.message;
      } catch (_) { /* not JSON: keep the status line */ }
      throw new ApiError(response.status, message);
    }
    return text;
  }

  async function api(path) {
    return JSON.parse(await fetchText(path, 'application/json'));
  }

  const enc = encodeURIComponent;
  const fmtInt = (n) => (n === undefined || n === null ? '–' : Number(n).toLocaleString('en-US'));
  const plural = (n, one, many) => `${fmtInt(n)} ${Number(n) === 1 ? one : many}`;
  const fmtTime = (t) => (t ? String(t).replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '–');
  function fmtBytes(n) {
    if (n === undefined || n === null) return '–';
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
    let v = Number(n);
    let i = 0;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i += 1; }
    return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
  }
  const fmtCost = (c) => (c === undefined || c === null ? '–' : `$${Number(c).toFixed(2)}`);
  function showMessage(text) {
    const m = $('message');
    m.textContent = text;
    m.hidden = !text;
  }

  function show(sectionId) {
    for (const id of ['home', 'table-page', 'graph-page', 'impact-page']) {
      $(id).hidden = id !== sectionId;
    }
  }

  function table(target, headers, rows) {
    const t = $(target);
    t.replaceChildren();
    const head = el('tr', {}, headers.map((h) => el('th', { class: h.num ? 'num' : null }, h.label)));
    t.append(el('thead', {}, head));
    const body = el('tbody');
    for (const row of rows) {
      body.append(el('tr', {}, row.map((cell, i) => {
        const cls = headers[i].num ? 'num' : headers[i].name ? 'name' : null;
        return el('td', { class: cls }, cell);
      })));
    }
    if (rows.length === 0) {
      body.append(el('tr', {}, el('td', { colspan: headers.length, class: 'muted' }, 'none')));
    }
    t.append(body);
  }

  // ---- navigation: the state lives in the URL fragment ---------------------------------

  function hashState() {
    return new URLSearchParams(location.hash.replace(/^#/, ''));
  }

  function go(params) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (Array.isArray(v)) v.forEach((x) => p.append(k, x));
      else if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
    }
    const next = `#${p.toString()}`;
    if (location.hash === next) route();
    else location.hash = next;
  }

  function tableLink(name, kind) {
    const a = el('a', { href: `#view=table&name=${enc(name)}` }, name);
    if (kind === 'column') a.setAttribute('href', `#view=graph&name=${enc(name)}&columns=true`);
    return a;
  }

  // ---- search --------------------------------------------------------------------------

  let searchSeq = 0;
  let searchTimer = 0;

  async function runSearch() {
    const q = $('search').value.trim();
    const seq = ++searchSeq;
    const list = $('results');
    if (!q) {
      list.hidden = true;
      list.replaceChildren();
      return;
    }
    try {
      const body = await api(`/api/search?q=${enc(q)}`);
      if (seq !== searchSeq) return; // a newer keystroke answered first
      const results = body.results;
      list.replaceChildren(...results.map((r) => {
        const { name, kind } = r;
        const li = el('li', { role: 'option', 'data-kind': kind },
          el('span', { class: 'kind' }, kind), el('span', { class: 'name' }, name));
        li.dataset.name = name;
        return li;
      }));
      if (results.length === 0) list.append(el('li', { class: 'muted' }, 'no match'));
      list.hidden = false;
      list.dataset.q = q; // for tests: the results of this text
    } catch (e) {
      if (seq !== searchSeq) return;
      list.replaceChildren(el('li', { class: 'muted' }, `search failed: ${e.message}`));
      list.hidden = false;
    }
  }

  function openResult(li) {
    if (!li || !li.dataset.name) return;
    $('results').hidden = true;
    const { name, kind } = li.dataset;
    if (kind === 'column') go({ view: 'graph', name, columns: 'true' });
    else go({ view: 'table', name });
  }

  // ---- home ----------------------------------------------------------------------------

  async function renderHome() {
    show('home');
    const list = $('top-tables');
    try {
      const body = await api('/api/tables?sort=queries&limit=15');
      list.replaceChildren(...body.tables.map((t) => el('li', {},
        tableLink(t.name), ' ', el('span', { class: 'muted' },
          plural(t.queries, 'query', 'queries')))));
    } catch (e) {
      list.replaceChildren(el('li', { class: 'muted' }, `cannot list tables: ${e.message}`));
    }
  }

  // ---- table page ----------------------------------------------------------------------

  function usageChart(days) {
    const box = $('usage-chart');
    box.replaceChildren();
    if (days.length === 0) {
      box.append(el('p', { class: 'muted' }, 'no usage in the stored history'));
      return;
    }
    const width = 900;
    const height = 160;
    const pad = { l: 40, r: 10, t: 10, b: 22 };
    const max = Math.max(1, ...days.map((d) => d.queries + d.failures));
    const svg = svgEl('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img',
      'aria-label': 'queries per day', preserveAspectRatio: 'none' });
    const step = (width - pad.l - pad.r) / days.length;
    days.forEach((d, i) => {
      const q = d.queries;
      const f = d.failures;
      const x = pad.l + i * step + step * 0.1;
      const w = Math.max(1, step * 0.8);
      const scale = (height - pad.t - pad.b) / max;
      const hq = q * scale;
      const hf = f * scale;
      const bar = svgEl('rect', { class: 'bar', x, y: height - pad.b - hq, width: w, height: hq });
      const title = svgEl('title');
      title.textContent = `${d.day}: ${q} queries, ${f} failures`;
      bar.append(title);
      svg.append(bar);
      if (hf > 0) {
        svg.append(svgEl('rect', { class: 'bar failed', x, y: height - pad.b - hq - hf,
          width: w, height: hf }));
      }
    });
    const label = (x, y, text, anchor) => {
      const t = svgEl('text', { x, y, 'text-anchor': anchor || 'start' });
      t.textContent = text;
      svg.append(t);
    };
    label(pad.l - 4, pad.t + 8, String(max), 'end');
    label(pad.l - 4, height - pad.b, '0', 'end');
    label(pad.l, height - 6, days[0].day);
    if (days.length > 1) label(width - pad.r, height - 6, days[days.length - 1].day, 'end');
    box.append(svg);
  }

  async function renderTable(name) {
    show('table-page');
    delete $('table-page').dataset.shown;
    const asked = location.hash;
    $('table-name').textContent = name;
    $('table-kind').textContent = '';
    $('table-stats').replaceChildren();
    const [info, usage] = await Promise.all([
      api(`/api/tables/${enc(name)}`),
      api(`/api/tables/${enc(name)}/usage`).catch(() => null),
    ]);
    if (location.hash !== asked) return; // a newer view was asked for meanwhile
    const t = info;
    $('table-name').textContent = t.name;
    $('table-kind').textContent = t.kind;
    const stats = [
      ['Queries', fmtInt(t.queries)],
      ['Users', fmtInt(t.users)],
      ['Bytes scanned', fmtBytes(t.bytes_scanned)],
      ['Cost', fmtCost(t.cost_usd)],
      ['Failures', fmtInt(t.failures)],
      ['First seen', t.first_seen || '–'],
      ['Last seen', t.last_seen || '–'],
    ];
    $('table-stats').replaceChildren(...stats.map(([k, v]) => el('div', {}, el('dt', {}, k),
      el('dd', {}, v))));
    usageChart(usage ? usage.days : []);
    table('table-users', [{ label: 'user', name: true }, { label: 'queries', num: true }],
      (t.top_users || []).map((u) => [u.user || '(unknown)', fmtInt(u.queries)]));
    table('table-workgroups', [{ label: 'workgroup', name: true }, { label: 'queries', num: true }],
      (t.workgroups || []).map((w) => [w.workgroup || '(none)', fmtInt(w.queries)]));
    const hopHead = [{ label: 'table', name: true }, { label: 'queries', num: true },
      { label: 'last seen' }];
    table('table-upstream', hopHead, (t.upstream || []).map((e) => [tableLink(e.from),
      fmtInt(e.queries), fmtTime(e.last_seen)]));
    table('table-downstream', hopHead, (t.downstream || []).map((e) => [tableLink(e.to),
      fmtInt(e.queries), fmtTime(e.last_seen)]));
    table('table-columns', [{ label: 'column', name: true }, { label: 'reads', num: true },
      { label: 'clauses' }],
    (t.columns || []).map((c) => {
      const clauses = Object.entries(c.clauses || {}).map(([k, v]) => `${k} ${v}`).join(', ');
      const short = c.name.startsWith(`${t.name}.`) ? c.name.slice(t.name.length + 1) : c.name;
      return [el('a', { href: `#view=graph&name=${enc(c.name)}&columns=true` }, short),
        fmtInt(c.reads), clauses];
    }));
    const shapes = $('table-shapes');
    const list = t.top_queries || [];
    shapes.replaceChildren(...list.map((q) => el('details', { class: 'shape' },
      el('summary', {}, `${plural(q.runs, 'run', 'runs')} · `,
        String(q.shape || '').replace(/\s+/g, ' ').slice(0, 110)),
      el('p', { class: 'muted' }, 'shape ', el('code', {}, q.fingerprint), ' · example ',
        el('code', {}, q.example_query_id || '–')),
      el('pre', {}, q.example_sql || q.shape || ''))));
    if (list.length === 0) shapes.append(el('p', { class: 'muted' }, 'none'));
    $('table-page').dataset.shown = location.hash; // for tests: this view is complete
    $('open-graph').onclick = () => go({ view: 'graph', name: $('table-name').textContent });
    $('open-impact').onclick = () => go({ view: 'impact', name: $('table-name').textContent });
  }

  // ---- graph ---------------------------------------------------------------------------

  /** Graphviz's SVG vocabulary: anything else (scripts, foreign objects, handlers) is dropped. */
  const SVG_ELEMENTS = new Set(['svg', 'g', 'title', 'path', 'polygon', 'polyline', 'ellipse',
    'text', 'a', 'defs', 'rect', 'line', 'circle']);
  const SVG_ATTRIBUTES = /^(id|class|viewBox|width|height|transform|x|y|cx|cy|rx|ry|r|d|points|fill|stroke|stroke-width|stroke-dasharray|font-family|font-size|font-weight|font-style|text-anchor|xlink:title|data-[a-z-]+|x1|x2|y1|y2|fill-opacity|stroke-opacity)$/;

  function sanitize(node) {
    for (const child of [...node.children]) {
      if (!SVG_ELEMENTS.has(child.localName) || child.namespaceURI !== SVG_NS) {
        child.remove();
        continue;
      }
      for (const attr of [...child.attributes]) {
        if (!SVG_ATTRIBUTES.test(attr.name)) child.removeAttribute(attr.name);
      }
      sanitize(child);
    }
  }

  let graph = null; // {svg, viewBox:[x,y,w,h], full:[...]}

  function graphState() {
    const s = hashState();
    return {
      name: s.get('name') || '',
      columns: s.get('columns') === 'true',
      direction: s.get('direction') || 'both',
      depth: s.get('depth') || '1',
      up: s.getAll('up'),
      down: s.getAll('down'),
      collapse: s.getAll('collapse'),
    };
  }

  function goGraph(state) {
    go({ view: 'graph', name: state.name, columns: state.columns ? 'true' : '',
      direction: state.direction, depth: state.depth, up: state.up, down: state.down,
      collapse: state.collapse });
  }

  async function renderGraph() {
    const state = graphState();
    show('graph-page');
    $('graph-start').textContent = state.name;
    $('graph-direction').value = state.direction;
    $('graph-depth').value = state.depth;
    $('graph-columns').checked = state.columns;
    $('graph-status').textContent = 'laying out…';
    delete $('graph').dataset.shown;
    const q = new URLSearchParams({ name: state.name, direction: state.direction,
      depth: state.depth, columns: String(state.columns) });
    state.up.forEach((n) => q.append('up', n));
    state.down.forEach((n) => q.append('down', n));
    state.collapse.forEach((n) => q.append('collapse', n));
    const asked = location.hash;
    const text = await fetchText(`/api/graph.svg?${q}`, 'image/svg+xml');
    if (location.hash !== asked) return; // a newer view was asked for meanwhile
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    if (root.localName !== 'svg' || root.namespaceURI !== SVG_NS) {
      throw new Error('the server did not answer with an SVG graph');
    }
    for (const attr of [...root.attributes]) {
      if (!/^(viewBox|xmlns(:xlink)?)$/.test(attr.name)) root.removeAttribute(attr.name);
    }
    sanitize(root);
    const svg = document.importNode(root, true);
    const box = $('graph');
    box.replaceChildren(svg);
    const vb = (svg.getAttribute('viewBox') || '0 0 100 100').split(/[\s,]+/).map(Number);
    graph = { svg, viewBox: vb.slice(), full: vb.slice() };
    const nodes = svg.querySelectorAll('g.node').length;
    const edges = svg.querySelectorAll('g.edge').length;
    $('graph-status').textContent = nodes === 0
      ? 'no column lineage is stored for it' : `${nodes} nodes, ${edges} edges`;
    $('details').replaceChildren(el('p', { class: 'muted' },
      'Click a node to expand or collapse it, or an edge to see its queries.'));
    box.dataset.shown = location.hash; // for tests: this view is complete
  }

  function setViewBox(vb) {
    graph.viewBox = vb;
    graph.svg.setAttribute('viewBox', vb.map((v) => v.toFixed(2)).join(' '));
  }

  function select(g) {
    for (const s of $('graph').querySelectorAll('g.selected')) s.classList.remove('selected');
    g.classList.add('selected');
  }

  function nodeDetails(g) {
    select(g);
    const { name, kind, table: owner } = g.dataset;
    const state = graphState();
    const isCollapsed = state.collapse.includes(name);
    const button = (id, label, action) => {
      const b = el('button', { type: 'button', id }, label);
      b.addEventListener('click', action);
      return b;
    };
    const without = (list, x) => list.filter((n) => n !== x);
    const actions = el('div', { class: 'actions' },
      button('expand-up', 'Expand upstream', () => goGraph({ ...state,
        up: [...without(state.up, name), name], collapse: without(state.collapse, name) })),
      button('expand-down', 'Expand downstream', () => goGraph({ ...state,
        down: [...without(state.down, name), name], collapse: without(state.collapse, name) })),
      isCollapsed
        ? button('uncollapse', 'Show again', () => goGraph({ ...state,
          collapse: without(state.collapse, name) }))
        : button('collapse', 'Collapse', () => goGraph({ ...state,
          up: without(state.up, name), down: without(state.down, name),
          collapse: [...state.collapse, name] })),
      button('start-here', 'Start here', () => goGraph({ name, columns: state.columns,
        direction: state.direction, depth: state.depth, up: [], down: [], collapse: [] })),
      kind === 'column'
        ? button('open-table', 'Table page', () => go({ view: 'table', name: owner }))
        : button('open-table', 'Table page', () => go({ view: 'table', name })),
      button('open-impact', 'Impact', () => go({ view: 'impact', name })));
    $('details').replaceChildren(
      el('h3', { id: 'detail-name' }, name),
      el('p', {}, el('span', { class: 'kind' }, kind), ' ',
        `${fmtInt(g.dataset.queriesIn)} queries in, ${fmtInt(g.dataset.queriesOut)} out`),
      actions);
  }

  async function edgeDetails(g) {
    select(g);
    const { from, to } = g.dataset;
    const columns = graphState().columns;
    const mark = columns
      ? `${g.dataset.transforms || 'no transform'}${g.dataset.condition === 'true'
        ? ' · condition only' : ''}` : '';
    const list = el('div', { id: 'edge-queries' }, el('p', { class: 'muted' }, 'loading…'));
    $('details').replaceChildren(
      el('h3', { id: 'detail-name' }, from, ' → ', to),
      el('p', {}, `${plural(g.dataset.queries, 'query', 'queries')}, last seen `,
        fmtTime(g.dataset.lastSeen), mark ? ` · ${mark}` : ''),
      list);
    try {
      const q = new URLSearchParams({ from, to, columns: String(columns) });
      const body = await api(`/api/edges/queries?${q}`);
      const items = body.queries.map((x) => el('div', { class: 'query' },
        el('div', {}, el('code', { class: 'query-id' }, x.id)),
        el('div', { class: 'muted' }, fmtTime(x.submitted), ' · ', x.user || '(unknown user)',
          ' · ', x.workgroup || '(no workgroup)', ' · ', x.statement_kind || x.state || ''),
        el('pre', { class: 'query-sql' }, x.sql || '(no text stored)')));
      if (body.total > body.queries.length) {
        items.push(el('p', { class: 'muted' }, `${body.total - body.queries.length} more`));
      }
      list.replaceChildren(...items);
    } catch (e) {
      list.replaceChildren(el('p', { class: 'muted' }, `cannot load the queries: ${e.message}`));
    }
  }

  function setupGraphEvents() {
    const box = $('graph');
    let drag = null;
    box.addEventListener('mousedown', (e) => {
      if (!graph || e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, vb: graph.viewBox.slice(), moved: false };
    });
    window.addEventListener('mousemove', (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      drag.moved = true;
      box.classList.add('dragging');
      const rect = box.getBoundingClientRect();
      const scale = Math.max(drag.vb[2] / rect.width, drag.vb[3] / rect.height);
      setViewBox([drag.vb[0] - dx * scale, drag.vb[1] - dy * scale, drag.vb[2], drag.vb[3]]);
    });
    window.addEventListener('mouseup', () => {
      box.classList.remove('dragging');
      if (drag && drag.moved) box.dataset.dragged = '1';
      drag = null;
    });
    box.addEventListener('click', (e) => {
      if (box.dataset.dragged) { delete box.dataset.dragged; return; }
      const node = e.target.closest('g.node');
      const edge = e.target.closest('g.edge');
      if (node) nodeDetails(node);
      else if (edge) edgeDetails(edge);
    });
    box.addEventListener('wheel', (e) => {
      if (!graph) return;
      e.preventDefault();
      const rect = box.getBoundingClientRect();
      const [x, y, w, h] = graph.viewBox;
      const f = Math.exp(e.deltaY * 0.0015);
      const px = x + ((e.clientX - rect.left) / rect.width) * w;
      const py = y + ((e.clientY - rect.top) / rect.height) * h;
      setViewBox([px - (px - x) * f, py - (py - y) * f, w * f, h * f]);
    }, { passive: false });
    const hover = $('hover');
    box.addEventListener('mouseover', (e) => {
      const node = e.target.closest('g.node');
      if (!node) { hover.hidden = true; return; }
      hover.replaceChildren(el('div', {}, node.dataset.name), el('div', {},
        `${node.dataset.kind} · ${fmtInt(node.dataset.queriesIn)} queries in · `
        + `${fmtInt(node.dataset.queriesOut)} out`));
      hover.hidden = false;
    });
    box.addEventListener('mousemove', (e) => {
      hover.style.left = `${e.clientX + 14}px`;
      hover.style.top = `${e.clientY + 14}px`;
    });
    box.addEventListener('mouseleave', () => { hover.hidden = true; });
    $('graph-fit').addEventListener('click', () => { if (graph) setViewBox(graph.full.slice()); });
    $('graph-reset').addEventListener('click', () => {
      const s = graphState();
      goGraph({ name: s.name, columns: s.columns, direction: 'both', depth: '1', up: [],
        down: [], collapse: [] });
    });
    const controls = () => {
      const s = graphState();
      goGraph({ ...s, direction: $('graph-direction').value, depth: $('graph-depth').value,
        columns: $('graph-columns').checked });
    };
    $('graph-direction').addEventListener('change', controls);
    $('graph-depth').addEventListener('change', controls);
    $('graph-columns').addEventListener('change', controls);
  }

  // ---- impact --------------------------------------------------------------------------

  async function renderImpact(name) {
    show('impact-page');
    $('impact-name').textContent = name;
    const body = await api(`/api/impact/${enc(name)}`);
    $('impact-name').textContent = body.start;
    // The last time an edge into each node was seen, and the queries on those edges.
    const into = (walk) => {
      const m = new Map();
      for (const e of walk.edges || []) {
        const cur = m.get(e.to) || { last: '', queries: 0 };
        if ((e.last_seen || '') > cur.last) cur.last = e.last_seen;
        cur.queries += e.queries || 0;
        m.set(e.to, cur);
      }
      return m;
    };
    const reached = (walk) => (walk.nodes || []).filter((n) => n.side !== 'start');
    const tables = reached(body.tables);
    const columnsReached = reached(body.columns);
    const tableEdges = into(body.tables);
    const columnEdges = into(body.columns);
    // A column's tables have no table edges: their last time is their columns' latest.
    for (const c of columnsReached) {
      const e = columnEdges.get(c.name);
      const t = tableEdges.get(c.table) || { last: '', queries: 0, derived: true };
      if (t.derived && e) {
        if (e.last > t.last) t.last = e.last;
        t.queries += e.queries;
        tableEdges.set(c.table, t);
      }
    }
    $('impact-summary').textContent = `${tables.length} downstream tables and `
      + `${columnsReached.length} downstream columns${body.truncated ? ' (cut short)' : ''}.`;
    const row = (kind, n, edges) => {
      const e = edges.get(n.name) || {};
      return [kind === 'column' ? 'column' : n.kind, tableLink(n.name, kind), n.depth,
        fmtInt(e.queries), fmtTime(e.last)];
    };
    table('impact-table', [{ label: 'kind' }, { label: 'name', name: true },
      { label: 'hops', num: true }, { label: 'queries', num: true }, { label: 'last seen' }],
    [...tables.map((n) => row('table', n, tableEdges)),
      ...columnsReached.map((n) => row('column', n, columnEdges))]);
    $('impact-graph').onclick = () => go({ view: 'graph', name: body.start, direction: 'down',
      depth: '3', columns: body.kind === 'column' ? 'true' : '' });
  }

  // ---- routing -------------------------------------------------------------------------

  async function route() {
    const s = hashState();
    const view = s.get('view');
    showMessage('');
    $('hover').hidden = true;
    try {
      if (view === 'table' && s.get('name')) await renderTable(s.get('name'));
      else if (view === 'graph' && s.get('name')) await renderGraph();
      else if (view === 'impact' && s.get('name')) {
        await renderImpact(s.get('name'));
      } else await renderHome();
    } catch (e) {
      showMessage(e.message);
      $('graph-status').textContent = '';
    }
  }

  function start() {
    const input = $('search');
    input.addEventListener('input', () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(runSearch, 120);
    });
    input.addEventListener('keydown', (e) => {
      const items = [...$('results').querySelectorAll('li[data-name]')];
      const active = $('results').querySelector('li.active');
      let i = items.indexOf(active);
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        i = e.key === 'ArrowDown' ? Math.min(items.length - 1, i + 1) : Math.max(0, i - 1);
        items.forEach((li, k) => li.classList.toggle('active', k === i));
      } else if (e.key === 'Enter') {
        openResult(active || items[0]);
      } else if (e.key === 'Escape') {
        $('results').hidden = true;
      }
    });
    $('results').addEventListener('click', (e) => openResult(e.target.closest('li')));
    document.addEventListener('click', (e) => {
      if (!e.target.closest('.search')) $('results').hidden = true;
    });
    setupGraphEvents();
    window.addEventListener('hashchange', route);
    route();
  }

  start();
})();
