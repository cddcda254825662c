/**
 * The browser side of the HTML report: draws the charts as inline SVG from
 * the JSON data block, with legend toggles and a hover tooltip. Plain ES2017
 * without dependencies, so the file works offline and under a strict CSP.
 * Labels are set with textContent only; data never becomes markup.
 */
export const HTML_CHART_SCRIPT = `
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var data = JSON.parse(document.getElementById('prload-data').textContent);
  var W = 760, H = 300, M = { l: 60, r: 20, t: 14, b: 46 };

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    for (var key in attrs) node.setAttribute(key, String(attrs[key]));
    if (parent) parent.appendChild(node);
    return node;
  }
  // cover: extend the last tick past max, so the axis top is a round number above every value.
  function ticks(min, max, count, cover) {
    if (!(max > min)) { max = min + 1; }
    var span = max - min, step = Math.pow(10, Math.floor(Math.log10(span / count)));
    var err = span / count / step;
    if (err >= 7.5) step *= 10; else if (err >= 3.5) step *= 5; else if (err >= 1.5) step *= 2;
    var end = cover ? Math.ceil(max / step - 1e-9) * step : max;
    var out = [];
    for (var v = Math.ceil(min / step) * step; v <= end + step * 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
    return out;
  }
  function fmt(v) {
    if (!isFinite(v)) return '-';
    var a = Math.abs(v);
    return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(2);
  }

  function chart(id, spec) {
    var root = document.getElementById(id);
    if (!root) return;
    var hidden = {};
    var box = document.createElement('div');
    box.className = 'plot';
    root.appendChild(box);
    var tip = document.createElement('div');
    tip.className = 'tooltip';
    tip.hidden = true;
    box.appendChild(tip);
    var legend = document.createElement('div');
    legend.className = 'legend';
    root.appendChild(legend);
    spec.series.forEach(function (s) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'toggle';
      button.setAttribute('aria-pressed', 'true');
      button.setAttribute('data-series', s.name);
      var swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = s.color;
      button.appendChild(swatch);
      button.appendChild(document.createTextNode(s.name));
      button.addEventListener('click', function () {
        hidden[s.name] = !hidden[s.name];
        button.setAttribute('aria-pressed', hidden[s.name] ? 'false' : 'true');
        draw();
      });
      legend.appendChild(button);
    });
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart', role: 'img' }, box);
    svg.setAttribute('aria-label', spec.title);
    var scale = null;

    function visible() { return spec.series.filter(function (s) { return !hidden[s.name] && s.points.length > 0; }); }

    function draw() {
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      var shown = visible();
      var xs = [], ys = [0];
      shown.forEach(function (s) { s.points.forEach(function (p) { xs.push(p[0]); ys.push(p[1]); }); });
      if (xs.length === 0) { xs = [0, 1]; }
      var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
      if (x1 === x0) x1 = x0 + 1;
      var yTicks = ticks(0, Math.max.apply(null, ys) * 1.05 || 1, 5, true);
      var y1 = yTicks[yTicks.length - 1];
      var pw = W - M.l - M.r, ph = H - M.t - M.b;
      var sx = function (v) { return M.l + ((v - x0) / (x1 - x0)) * pw; };
      var sy = function (v) { return M.t + ph - (v / y1) * ph; };
      scale = { sx: sx, x0: x0, x1: x1, pw: pw };
      var grid = el('g', { class: 'grid' }, svg);
      yTicks.forEach(function (t) {
        el('line', { x1: M.l, x2: W - M.r, y1: sy(t), y2: sy(t) }, grid);
        var label = el('text', { x: M.l - 6, y: sy(t) + 4, 'text-anchor': 'end' }, grid);
        label.textContent = fmt(t);
      });
      var xTicks = spec.xTicks ? spec.xTicks.filter(function (t) { return t[0] >= x0 && t[0] <= x1; }) : ticks(x0, x1, 8).map(function (t) { return [t, fmt(t)]; });
      xTicks.forEach(function (t) {
        el('line', { x1: sx(t[0]), x2: sx(t[0]), y1: M.t, y2: M.t + ph, class: 'vgrid' }, grid);
        var label = el('text', { x: sx(t[0]), y: H - M.b + 16, 'text-anchor': 'middle' }, grid);
        label.textContent = t[1];
      });
      var xl = el('text', { x: M.l + pw / 2, y: H - 8, 'text-anchor': 'middle', class: 'axis-label' }, svg);
      xl.textContent = spec.xLabel;
      var yl = el('text', { x: 14, y: M.t + ph / 2, 'text-anchor': 'middle', class: 'axis-label', transform: 'rotate(-90 14 ' + (M.t + ph / 2) + ')' }, svg);
      yl.textContent = spec.yLabel;
      el('rect', { x: M.l, y: M.t, width: pw, height: ph, class: 'frame' }, svg);
      shown.forEach(function (s) {
        var d = s.points.map(function (p, i) { return (i === 0 ? 'M' : 'L') + sx(p[0]).toFixed(1) + ' ' + sy(p[1]).toFixed(1); }).join(' ');
        var path = el('path', { d: d, class: 'series', stroke: s.color, 'data-points': s.points.length }, svg);
        path.setAttribute('data-series', s.name);
      });
      el('line', { class: 'cursor', x1: 0, x2: 0, y1: M.t, y2: M.t + ph, visibility: 'hidden' }, svg);
      el('g', { class: 'markers' }, svg);
      function nearest(s, xv) {
        var best = s.points[0];
        s.points.forEach(function (p) { if (Math.abs(p[0] - xv) < Math.abs(best[0] - xv)) best = p; });
        return best;
      }
      scale.sy = sy;
      scale.nearest = nearest;
    }

    svg.addEventListener('mousemove', function (event) {
      var shown = visible();
      if (!scale || shown.length === 0) return;
      var rect = svg.getBoundingClientRect();
      var px = ((event.clientX - rect.left) / rect.width) * W;
      var xv = scale.x0 + ((px - M.l) / scale.pw) * (scale.x1 - scale.x0);
      var lines = [];
      var markers = svg.querySelector('.markers');
      while (markers.firstChild) markers.removeChild(markers.firstChild);
      var at = null;
      shown.forEach(function (s) {
        var p = scale.nearest(s, xv);
        at = p[0];
        lines.push(s.name + ': ' + fmt(p[1]) + ' ' + spec.unit);
        el('circle', { cx: scale.sx(p[0]), cy: scale.sy(p[1]), r: 3.5, fill: s.color }, markers);
      });
      var cursor = svg.querySelector('.cursor');
      cursor.setAttribute('x1', scale.sx(at));
      cursor.setAttribute('x2', scale.sx(at));
      cursor.setAttribute('visibility', 'visible');
      tip.textContent = '';
      var head = document.createElement('strong');
      head.textContent = spec.xFormat ? spec.xFormat(at) : spec.xLabel + ' ' + fmt(at);
      tip.appendChild(head);
      lines.forEach(function (line) { var row = document.createElement('div'); row.textContent = line; tip.appendChild(row); });
      tip.hidden = false;
      var left = ((scale.sx(at) / W) * rect.width) + 12;
      tip.style.left = Math.min(left, rect.width - 180) + 'px';
      tip.style.top = '8px';
    });
    svg.addEventListener('mouseleave', function () {
      tip.hidden = true;
      var cursor = svg.querySelector('.cursor');
      if (cursor) cursor.setAttribute('visibility', 'hidden');
    });
    draw();
  }

  var palette = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];
  var ts = data.timeSeries;
  if (ts && ts.seconds.length > 0) {
    var pts = function (values) { return ts.seconds.map(function (s, i) { return [s, values[i]]; }); };
    chart('chart-latency', {
      title: 'Latency percentiles over time', xLabel: 'second', yLabel: 'ms', unit: 'ms',
      series: [{ name: 'p50', color: palette[0], points: pts(ts.p50) }, { name: 'p99', color: palette[1], points: pts(ts.p99) }]
    });
    var rateSeries = [{ name: 'achieved', color: palette[2], points: pts(ts.rate) }];
    if (ts.target) rateSeries.push({ name: 'target', color: '#64748b', points: pts(ts.target) });
    rateSeries.push({ name: 'errors', color: palette[1], points: pts(ts.errors) });
    chart('chart-rate', { title: 'Rate over time', xLabel: 'second', yLabel: 'requests per second', unit: 'req/s', series: rateSeries });
  }
  if (data.distribution && data.distribution.length > 0) {
    var toX = function (pct) { return -Math.log10(Math.max(1e-6, 1 - Math.min(pct, 99.9999) / 100)); };
    var labels = [[0, '0%'], [Math.log10(2), '50%'], [1, '90%'], [2, '99%'], [3, '99.9%'], [4, '99.99%'], [5, '99.999%'], [6, '99.9999%']];
    chart('chart-distribution', {
      title: 'Latency by percentile', xLabel: 'percentile', yLabel: 'ms', unit: 'ms', xTicks: labels,
      xFormat: function (x) { return 'p' + fmt(100 * (1 - Math.pow(10, -x))); },
      series: data.distribution.map(function (d, i) {
        return { name: d.name, color: palette[i % palette.length], points: d.points.map(function (p) { return [toX(p[0]), p[1]]; }) };
      })
    });
  }
  (data.resources || []).forEach(function (w, i) {
    var colored = function (list) {
      return list.map(function (s, j) { return { name: s.name, color: palette[j % palette.length], points: s.points }; });
    };
    chart('chart-cpu-' + i, { title: 'CPU over time: ' + w.name, xLabel: 'second', yLabel: 'millicores', unit: 'millicores', series: colored(w.cpu) });
    chart('chart-memory-' + i, { title: 'Memory over time: ' + w.name, xLabel: 'second', yLabel: 'MiB', unit: 'MiB', series: colored(w.memory) });
  });
  document.documentElement.setAttribute('data-charts', 'ready');
})();
`;
