/*
 * oddscache live dashboard: requests against backend loads, the panic ratio with the breaker's
 * thresholds, the mode band, the panicking matches with their tiers, served age, and each
 * second's latency and served-age quantiles (which the server takes from its histograms). Plain
 * JavaScript, no build step, no network beyond this server: Chart.js comes from the jar's WebJar.
 *
 * Polls /v1/status and /v1/timeline?seconds=600 once a second. A refresh counts as successful
 * when both answered and the page was redrawn; document.body.dataset.updated holds that count
 * (the browser test waits on it). When the server does not answer, the page says so and keeps
 * retrying every second, keeping the last figures on screen.
 */
(function () {
  'use strict';

  var POLL_MS = 1000;
  var FETCH_TIMEOUT_MS = 3000;
  var TIMELINE_SECONDS = 600;
  var MODES = ['NORMAL', 'HIGH_VOLATILITY', 'CIRCUIT_OPEN'];
  var TIER_NAMES = { 1: 'PANIC_FULL', 2: 'PANIC_PARTIAL', 3: 'DEGRADED', 4: 'NEW_NORMAL' };

  // One palette, also used by style.css (keep in step).
  var COLORS = {
    text: '#1f2933',
    muted: '#52606d',
    grid: 'rgba(82, 96, 109, 0.15)',
    requests: '#2563eb',
    loads: '#c2410c',
    ageAvg: '#0e7490',
    ageMax: '#7c3aed',
    ageP99: '#be185d',
    latencyP50: '#0f766e',
    latencyP99: '#b45309',
    mode: { NORMAL: '#2f855a', HIGH_VOLATILITY: '#c77c02', CIRCUIT_OPEN: '#c53030' },
    store: { true: '#2f855a', false: '#c53030' },
    tiers: { 1: '#c53030', 2: '#dd6b20', 3: '#b7791f', 4: '#4a5568' },
    enter: '#9c4221',
    exit: '#2c5282',
    mark: '#3e4c59'
  };

  var refreshes = 0;
  var failures = 0;
  var lastSuccess = null;
  var charts = null;
  var thresholds = null;
  var latest = { samples: [], span: 60, tLast: 0 };
  // The clock durations are shown in: speed 1 on real time; the demo's story runs faster.
  var shownClock = { speed: 1 };
  var marks = [];

  function $(id) {
    return document.getElementById(id);
  }

  function setText(id, text) {
    var el = $(id);
    if (el && el.textContent !== text) {
      el.textContent = text;
    }
  }

  function clock(millis) {
    var d = new Date(millis);
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }

  function fixed(value, digits) {
    return typeof value === 'number' && isFinite(value) ? value.toFixed(digits) : '—';
  }

  /** Milliseconds with two significant digits below 1 ms, e.g. 0.0042, 0.85, 12.3, 250. */
  function millis(value) {
    if (typeof value !== 'number' || !isFinite(value)) return '—';
    if (value >= 100) return value.toFixed(0);
    if (value >= 1) return value.toFixed(1);
    return String(Number(value.toPrecision(2)));
  }

  /** Seconds to milliseconds, keeping null (a second without requests) as a gap. */
  function toMillis(seconds) {
    return typeof seconds === 'number' ? seconds * 1000 : null;
  }

  /** The latest sample whose field is a number, or null. */
  function latestWith(samples, field) {
    for (var i = samples.length - 1; i >= 0; i--) {
      if (typeof samples[i][field] === 'number') return samples[i];
    }
    return null;
  }

  function whole(value) {
    return typeof value === 'number' && isFinite(value) ? String(Math.round(value)) : '—';
  }

  /**
   * Seconds relative to the latest sample, as an axis label: "now", "-30s", "-5m", "-2m30s",
   * "-2h", in the shown clock (in the demo, 30 real seconds at 60x are "-30m").
   */
  function relativeLabel(seconds) {
    var s = Math.round(-seconds * speed());
    if (s <= 0) {
      return 'now';
    }
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var r = s % 60;
    if (h > 0) {
      return '-' + h + 'h' + (m ? m + 'm' : '');
    }
    if (m === 0) {
      return '-' + r + 's';
    }
    return '-' + m + 'm' + (r ? r + 's' : '');
  }

  function speed() {
    return typeof shownClock.speed === 'number' && shownClock.speed > 0 ? shownClock.speed : 1;
  }

  function accelerated() {
    return speed() !== 1 && typeof shownClock.startMillis === 'number';
  }

  /** Story time as "mm:ss" (minutes keep counting past 59, as the story's minute does). */
  function storyTime(elapsedMillis) {
    var s = Math.max(0, Math.floor(elapsedMillis / 1000));
    return pad(Math.floor(s / 60)) + ':' + pad(s % 60);
  }

  /** A real instant as the shown clock tells it: story time in the demo, else the time of day. */
  function instant(millis) {
    return accelerated() ? storyTime((millis - shownClock.startMillis) * speed()) : clock(millis);
  }

  /** A duration in seconds of the shown clock, as "30 min", "1 h 30 min", "45 s". */
  function duration(seconds) {
    if (typeof seconds !== 'number' || !isFinite(seconds)) return '—';
    var s = Math.round(seconds);
    if (s < 60) return s + ' s';
    var h = Math.floor(s / 3600);
    var m = Math.round((s % 3600) / 60);
    if (h === 0) return m + ' min';
    return h + ' h' + (m ? ' ' + m + ' min' : '');
  }

  function stepFor(span) {
    if (span <= 60) return 10;
    if (span <= 180) return 30;
    if (span <= 720) return 60;
    if (span <= 1800) return 300;
    return 600;
  }

  // ---------------------------------------------------------------------------------------------
  // Fetching

  function getJson(path) {
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, FETCH_TIMEOUT_MS) : null;
    return fetch(path, {
      cache: 'no-store',
      headers: { Accept: 'application/json' },
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (!response.ok) {
        var error = new Error(path + ' answered HTTP ' + response.status);
        error.status = response.status;
        throw error;
      }
      return response.json();
    }).finally(function () {
      if (timer) clearTimeout(timer);
    });
  }

  function refresh() {
    Promise.all([getJson('/v1/status'), getJson('/v1/timeline?seconds=' + TIMELINE_SECONDS)])
      .then(function (answers) {
        render(answers[0], answers[1]);
        refreshes += 1;
        failures = 0;
        lastSuccess = Date.now();
        document.body.dataset.updated = String(refreshes);
        connected(true);
      })
      .catch(function (error) {
        failures += 1;
        connected(false, error);
      })
      .finally(function () {
        setTimeout(refresh, POLL_MS);
      });
  }

  function connected(ok, error) {
    var body = document.body;
    body.classList.remove('connecting');
    body.classList.toggle('disconnected', !ok);
    $('banner').hidden = ok;
    if (ok) {
      setText('connection-text', 'Live');
      setText('last-update', clock(lastSuccess));
      $('last-update').setAttribute('datetime', new Date(lastSuccess).toISOString());
      return;
    }
    setText('connection-text', 'Disconnected — retrying');
    var since = lastSuccess ? ' Last update at ' + clock(lastSuccess) + '; the figures below are from then.'
      : ' No data received yet.';
    var reason = error && error.name === 'AbortError' ? 'The server did not answer in time'
      : error && error.status ? 'The server answered with an error (HTTP ' + error.status + ')'
      : error instanceof SyntaxError ? 'The server sent an answer that is not JSON'
      : 'The server cannot be reached';
    setText('banner-text', reason + '; retrying every second (attempt ' + failures + ').' + since);
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering: figures and tables

  function render(status, timeline) {
    var samples = Array.isArray(timeline.seconds) ? timeline.seconds : [];
    thresholds = timeline.thresholds || thresholds;
    var tLast = samples.length ? samples[samples.length - 1].t : 0;
    var span = samples.length ? Math.max(60, Math.ceil((tLast - samples[0].t) / 1000)) : 60;
    latest = { samples: samples, span: span, tLast: tLast };
    shownClock = status.clock || timeline.clock || { speed: 1 };
    marks = Array.isArray(timeline.marks) ? timeline.marks : [];

    renderClock();
    renderStory();
    renderBreaker(status.breaker || {});
    renderStore(status.store || {});
    renderPanics(Array.isArray(status.panics) ? status.panics : [], panicTotal(status));
    renderInstances(Array.isArray(status.instances) ? status.instances : null);
    renderLastSecond(samples, status);
    renderThresholdNote();
    renderCharts();
    describeCharts();
  }

  function renderBreaker(breaker) {
    var mode = MODES.indexOf(breaker.mode) >= 0 ? breaker.mode : 'UNKNOWN';
    setText('mode', mode);
    $('mode-card').dataset.mode = mode;
    setText('ratio', fixed(breaker.panicRatio, 2));
    setText('samples', whole(breaker.samples));
    // The window as configured, in the shown clock: the demo's 30 real seconds are its 30 min.
    var window = typeof breaker.windowSeconds === 'number' ? duration(breaker.windowSeconds) : null;
    setText('window', (window ? window + ', ' : '') + (breaker.windowFull ? 'full' : 'filling'));
    setText('chart-panic-sub', 'share of PANIC requests in the breaker\'s '
      + (window ? window + ' ' : '') + 'window, with its thresholds');
  }

  /** The demo's story clock in the header; hidden on real time. */
  function renderClock() {
    var el = $('demo-clock');
    if (!accelerated()) {
      el.hidden = true;
      return;
    }
    el.hidden = false;
    setText('demo-time', storyTime(shownClock.elapsedMillis));
    setText('demo-speed', fixed(speed(), 0) + 'x');
    el.title = 'Story time: every duration on this page is in it; ' + fixed(speed(), 0)
      + ' story seconds pass per real second.';
  }

  /** The markers of the charts, also as a list. */
  function renderStory() {
    var list = $('story');
    var fragment = document.createDocumentFragment();
    if (marks.length === 0) {
      var empty = document.createElement('li');
      empty.className = 'empty';
      empty.textContent = 'No event in view.';
      fragment.appendChild(empty);
    }
    marks.forEach(function (m) {
      var li = document.createElement('li');
      var t = document.createElement('time');
      t.textContent = instant(m.t);
      t.setAttribute('datetime', new Date(m.t).toISOString());
      li.appendChild(t);
      li.appendChild(document.createTextNode(m.label));
      fragment.appendChild(li);
    });
    list.replaceChildren(fragment);
  }

  function renderStore(store) {
    var healthy = store.healthy === true;
    var fallback = store.fallback === true;
    var state = !healthy ? 'down' : fallback ? 'fallback' : 'healthy';
    var el = $('store');
    el.dataset.state = state;
    setText('store-state', state === 'healthy' ? 'Healthy'
      : state === 'fallback' ? 'Healthy, panic clock on local fallback' : 'Unhealthy — on fallback');
    setText('store-kind', store.kind || '—');
    setText('store-healthy', healthy ? 'yes' : 'no');
    setText('store-fallback', fallback ? 'yes' : 'no');
    setText('store-hint', state === 'healthy' ? ''
      : 'Requests still succeed: loads go to the backend and the panic clock and breaker run locally until the store is back.');
  }

  /** How many matches panic: the server lists one page of them and counts them all. */
  function panicTotal(status) {
    var count = status.panicCount;
    if (count && typeof count.total === 'number') return count.total;
    return (status.panics || []).length;
  }

  function renderPanics(panics, total) {
    var rows = panics.slice().sort(function (a, b) {
      return (b.tier - a.tier) || (b.minutes - a.minutes) || String(a.match).localeCompare(String(b.match));
    });
    var tbody = $('panics').tBodies[0];
    var fragment = document.createDocumentFragment();
    if (rows.length === 0) {
      var tr = document.createElement('tr');
      tr.className = 'empty';
      var td = document.createElement('td');
      td.colSpan = 5;
      td.textContent = 'No match is panicking.';
      tr.appendChild(td);
      fragment.appendChild(tr);
    }
    rows.forEach(function (p) {
      var tr = document.createElement('tr');
      tr.dataset.match = p.match;
      tr.dataset.tier = String(p.tier);
      tr.appendChild(cell(p.match, 'match'));
      var tierCell = document.createElement('td');
      var badge = document.createElement('span');
      badge.className = 'tier tier-' + p.tier;
      badge.textContent = p.tier + ' · ' + (TIER_NAMES[p.tier] || 'tier ' + p.tier);
      tierCell.appendChild(badge);
      tr.appendChild(tierCell);
      tr.appendChild(cell(p.stakes || '—', 'stakes stakes-' + String(p.stakes).toLowerCase()));
      tr.appendChild(cell(fixed(p.minutes, 1) + ' min', 'num'));
      tr.appendChild(cell(typeof p.sinceMillis === 'number' ? instant(p.sinceMillis) : '—', 'num'));
      fragment.appendChild(tr);
    });
    if (total > rows.length) {
      var more = document.createElement('tr');
      more.className = 'more';
      var moreCell = document.createElement('td');
      moreCell.colSpan = 5;
      moreCell.textContent = 'and ' + (total - rows.length) + ' more (highest tiers and longest panics shown)';
      more.appendChild(moreCell);
      fragment.appendChild(more);
    }
    tbody.replaceChildren(fragment);
  }

  /** The fleet's live instances; null when the server has no shared store (no fleet). */
  function renderInstances(instances) {
    var tbody = $('instances').tBodies[0];
    var fragment = document.createDocumentFragment();
    if (!instances || instances.length === 0) {
      var tr = document.createElement('tr');
      tr.className = 'empty';
      var td = document.createElement('td');
      td.colSpan = 6;
      td.textContent = instances ? 'No instance has reported yet.'
        : 'This instance only: no shared store (Redis), so no fleet.';
      tr.appendChild(td);
      fragment.appendChild(tr);
    }
    (instances || []).forEach(function (i) {
      var tr = document.createElement('tr');
      tr.dataset.instance = i.id;
      tr.dataset.mode = i.breakerMode;
      var name = cell(i.id + (i.self ? ' (this one)' : ''), 'match');
      name.title = i.url || '';
      tr.appendChild(name);
      var modeCell = document.createElement('td');
      var badge = document.createElement('span');
      badge.className = 'mode-badge';
      badge.style.color = COLORS.mode[i.breakerMode] || COLORS.muted;
      badge.textContent = i.breakerMode;
      modeCell.appendChild(badge);
      tr.appendChild(modeCell);
      tr.appendChild(cell(i.storeHealth || '—'));
      tr.appendChild(cell(whole(i.requestsPerSecond) + '/s', 'num'));
      tr.appendChild(cell(typeof i.startedMillis === 'number' ? clock(i.startedMillis) : '—', 'num'));
      tr.appendChild(cell(i.version || '—'));
      fragment.appendChild(tr);
    });
    tbody.replaceChildren(fragment);
  }

  function cell(text, className) {
    var td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function renderLastSecond(samples, status) {
    var s = samples.length ? samples[samples.length - 1] : null;
    setText('kpi-requests', s ? whole(s.requests) : '—');
    setText('kpi-loads', s ? whole(s.loads) : '—');
    setText('kpi-age', s ? fixed(s.servedAgeAvgSeconds, 1) + ' / ' + fixed(s.servedAgeMaxSeconds, 1) : '—');
    setText('kpi-panics', String(panicTotal(status)));
    var q = latestWith(samples, 'latencyP99Seconds');
    setText('kpi-latency', q ? millis(toMillis(q.latencyP50Seconds)) + ' / '
      + millis(toMillis(q.latencyP99Seconds)) : '—');
    var a = latestWith(samples, 'servedAgeP99Seconds');
    setText('kpi-age-p99', a ? fixed(a.servedAgeP99Seconds, 1) : '—');
    $('latency-note').hidden = q !== null;
    renderPressure(status.pressure || {}, status.freshness);
  }

  /** One line: whether protection floors hold values whose prices moved, and the freshness rule. */
  function renderPressure(pressure, freshness) {
    var state = pressure.underPressure === true ? 'under pressure (' + pressure.reason + ')'
      : pressure.underPressure === false ? 'none' : '—';
    setText('pressure', 'Backend pressure: ' + state
      + (freshness ? ' · freshness ' + String(freshness).toLowerCase() : ''));
  }

  function renderThresholdNote() {
    if (!thresholds) return;
    setText('thresholds-note', 'Enters HIGH_VOLATILITY at ≥ ' + fixed(thresholds.enterHighVolatility, 2)
      + ', back to NORMAL below ' + fixed(thresholds.exitHighVolatility, 2)
      + '; opens the circuit at ≥ ' + fixed(thresholds.openCircuit, 2)
      + ', closes it below ' + fixed(thresholds.closeCircuit, 2) + '.');
  }

  function describeCharts() {
    var s = latest.samples;
    if (!s.length) return;
    var last = s[s.length - 1];
    var maxReq = 0;
    var maxLoads = 0;
    s.forEach(function (x) {
      maxReq = Math.max(maxReq, x.requests);
      maxLoads = Math.max(maxLoads, x.loads);
    });
    setText('chart-load-desc', 'Over the last ' + duration(latest.span * speed()) + ': up to ' + maxReq
      + ' requests and ' + maxLoads + ' backend loads per second; last second ' + last.requests
      + ' requests, ' + last.loads + ' loads.');
    setText('chart-panic-desc', 'Panic ratio now ' + fixed(last.panicRatio, 2) + '.');
    var changes = 0;
    for (var i = 1; i < s.length; i++) {
      if (s[i].mode !== s[i - 1].mode) changes++;
    }
    setText('chart-mode-desc', 'Breaker mode now ' + last.mode + ', ' + changes
      + ' mode changes in view; store ' + (last.storeHealthy ? 'healthy' : 'unhealthy') + '.');
    setText('chart-age-desc', 'Last second: average served age ' + fixed(last.servedAgeAvgSeconds, 1)
      + ' s, p99 ' + fixed(last.servedAgeP99Seconds, 1) + ' s, oldest '
      + fixed(last.servedAgeMaxSeconds, 1) + ' s.');
    var q = latestWith(s, 'latencyP99Seconds');
    setText('chart-latency-desc', q ? 'Latest second with requests: p50 '
      + millis(toMillis(q.latencyP50Seconds)) + ' ms, p99 ' + millis(toMillis(q.latencyP99Seconds))
      + ' ms.' : 'No latency quantiles in view.');
    var tiers = [1, 2, 3, 4].map(function (t) { return 'tier ' + t + ': ' + tierCount(last, t); });
    setText('chart-tiers-desc', 'Panicking matches now, ' + tiers.join(', ') + '.');
  }

  function tierCount(sample, tier) {
    var p = sample.panicking || {};
    var v = p[tier] !== undefined ? p[tier] : p[String(tier)];
    return typeof v === 'number' ? v : 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Charts

  /** Coloured lanes (breaker mode, store health) drawn behind the datasets, one rectangle per second. */
  var lanesPlugin = {
    id: 'lanes',
    beforeDatasetsDraw: function (chart, args, options) {
      var lanes = options && options.lanes;
      if (!lanes || !lanes.length) return;
      var s = latest.samples;
      var area = chart.chartArea;
      var x = chart.scales.x;
      var ctx = chart.ctx;
      var gap = options.gap || 0;
      var laneHeight = (area.bottom - area.top - gap * (lanes.length - 1)) / lanes.length;
      ctx.save();
      ctx.beginPath();
      ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
      ctx.clip();
      lanes.forEach(function (lane, index) {
        var top = area.top + index * (laneHeight + gap);
        var height = lane.height ? lane.height * laneHeight : laneHeight;
        ctx.globalAlpha = lane.alpha || 1;
        for (var i = 0; i < s.length; i++) {
          var color = lane.color(s[i]);
          if (!color) continue;
          // A sample closes its second: it covers (t - 1 s, t], or back to the previous sample.
          var start = i > 0 ? s[i - 1].t : s[i].t - 1000;
          // Rounded edges: neighbours share an edge exactly, so translucent lanes show no seams.
          var left = Math.round(x.getPixelForValue((start - latest.tLast) / 1000));
          var right = Math.round(x.getPixelForValue((s[i].t - latest.tLast) / 1000));
          ctx.fillStyle = color;
          ctx.fillRect(left, top, Math.max(1, right - left), height);
        }
      });
      ctx.globalAlpha = 1;
      ctx.font = '600 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
      ctx.textBaseline = 'middle';
      lanes.forEach(function (lane, index) {
        if (!lane.label) return;
        var top = area.top + index * (laneHeight + gap);
        var w = ctx.measureText(lane.label).width;
        ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
        ctx.fillRect(area.left + 4, top + laneHeight / 2 - 9, w + 10, 18);
        ctx.fillStyle = COLORS.text;
        ctx.fillText(lane.label, area.left + 9, top + laneHeight / 2);
      });
      ctx.restore();
    }
  };

  /**
   * A dashed vertical line at each marker (a match event, a step of the demo's story), labelled
   * at the top of the charts that ask for labels; labels that would overlap the previous one
   * move down a line.
   */
  var marksPlugin = {
    id: 'marks',
    afterDatasetsDraw: function (chart, args, options) {
      if (!marks.length || !options || !options.enabled) return;
      var area = chart.chartArea;
      var x = chart.scales.x;
      var ctx = chart.ctx;
      ctx.save();
      ctx.font = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
      ctx.textBaseline = 'top';
      var rowsEnd = [];
      marks.forEach(function (m) {
        var px = Math.round(x.getPixelForValue((m.t - latest.tLast) / 1000)) + 0.5;
        if (px < area.left || px > area.right) return;
        ctx.strokeStyle = COLORS.mark;
        ctx.lineWidth = 1;
        ctx.setLineDash([4, 3]);
        ctx.beginPath();
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
        if (!options.labels) return;
        ctx.setLineDash([]);
        var text = instant(m.t) + ' ' + m.label;
        var w = ctx.measureText(text).width + 6;
        var left = Math.min(px + 3, area.right - w);
        var row = 0;
        while (rowsEnd[row] !== undefined && rowsEnd[row] > left) row++;
        rowsEnd[row] = left + w + 4;
        var top = area.top + 2 + row * 15;
        ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
        ctx.fillRect(left, top, w, 14);
        ctx.fillStyle = COLORS.mark;
        ctx.fillText(text, left + 3, top + 1);
      });
      ctx.restore();
    }
  };

  /** Labelled horizontal lines at the breaker thresholds. */
  var thresholdsPlugin = {
    id: 'thresholdLines',
    afterDatasetsDraw: function (chart, args, options) {
      if (!thresholds || !options || !options.enabled) return;
      var lines = [
        { value: thresholds.openCircuit, label: 'open circuit ≥ ', color: COLORS.mode.CIRCUIT_OPEN, dash: [6, 4] },
        { value: thresholds.closeCircuit, label: 'close circuit < ', color: COLORS.mode.CIRCUIT_OPEN, dash: [2, 3] },
        { value: thresholds.enterHighVolatility, label: 'enter high volatility ≥ ', color: COLORS.enter, dash: [6, 4] },
        { value: thresholds.exitHighVolatility, label: 'exit high volatility < ', color: COLORS.exit, dash: [2, 3] }
      ];
      var area = chart.chartArea;
      var y = chart.scales.y;
      var ctx = chart.ctx;
      ctx.save();
      ctx.font = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
      ctx.textAlign = 'right';
      ctx.textBaseline = 'bottom';
      lines.forEach(function (line) {
        if (typeof line.value !== 'number') return;
        var py = Math.round(y.getPixelForValue(line.value)) + 0.5;
        ctx.strokeStyle = line.color;
        ctx.lineWidth = 1.25;
        ctx.setLineDash(line.dash);
        ctx.beginPath();
        ctx.moveTo(area.left, py);
        ctx.lineTo(area.right, py);
        ctx.stroke();
        var text = line.label + line.value.toFixed(2);
        var w = ctx.measureText(text).width;
        ctx.setLineDash([]);
        ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
        ctx.fillRect(area.right - w - 8, py - 15, w + 6, 14);
        ctx.fillStyle = line.color;
        ctx.fillText(text, area.right - 5, py - 2);
      });
      ctx.restore();
    }
  };

  function xScale(showTicks) {
    return {
      type: 'linear',
      min: -60,
      max: 0,
      grid: { color: COLORS.grid, drawTicks: showTicks },
      border: { display: showTicks },
      ticks: {
        display: showTicks,
        color: COLORS.muted,
        stepSize: 10,
        maxRotation: 0,
        autoSkipPadding: 12,
        callback: function (value) { return relativeLabel(value); }
      }
    };
  }

  function tooltipTitle(items) {
    if (!items.length) return '';
    return instant(latest.tLast + items[0].parsed.x * 1000);
  }

  function baseOptions(yTitle, extra) {
    var options = {
      animation: false,
      maintainAspectRatio: false,
      responsive: true,
      parsing: false,
      normalized: true,
      spanGaps: true,
      interaction: { mode: 'index', intersect: false, axis: 'x' },
      elements: { point: { radius: 0, hoverRadius: 3 }, line: { borderWidth: 2, tension: 0 } },
      scales: {
        x: xScale(true),
        y: {
          beginAtZero: true,
          grid: { color: COLORS.grid },
          ticks: { color: COLORS.muted, precision: 0 },
          title: { display: !!yTitle, text: yTitle, color: COLORS.muted }
        }
      },
      plugins: {
        legend: {
          position: 'top',
          align: 'end',
          labels: { color: COLORS.text, boxWidth: 14, boxHeight: 2, usePointStyle: false }
        },
        tooltip: { callbacks: { title: tooltipTitle } },
        marks: { enabled: true, labels: false }
      }
    };
    return Object.assign(options, extra || {});
  }

  function line(label, color, extra) {
    return Object.assign({ label: label, data: [], borderColor: color, backgroundColor: color }, extra || {});
  }

  function createCharts() {
    Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
    Chart.defaults.font.size = 12;
    Chart.defaults.color = COLORS.muted;
    Chart.register(marksPlugin);

    var loadOptions = baseOptions('per second');
    loadOptions.plugins.marks.labels = true;
    var load = new Chart($('chart-load'), {
      type: 'line',
      data: {
        datasets: [
          line('Requests', COLORS.requests, { fill: 'origin', backgroundColor: 'rgba(37, 99, 235, 0.10)' }),
          line('Backend loads', COLORS.loads)
        ]
      },
      options: loadOptions
    });

    var panicOptions = baseOptions('ratio');
    panicOptions.scales.y.min = 0;
    panicOptions.scales.y.max = 1;
    panicOptions.scales.y.ticks = { color: COLORS.muted, stepSize: 0.1, callback: function (v) { return v.toFixed(1); } };
    panicOptions.plugins.legend = { display: false };
    panicOptions.plugins.thresholdLines = { enabled: true };
    panicOptions.plugins.marks.labels = true;
    panicOptions.plugins.lanes = {
      lanes: [{ alpha: 0.10, color: function (s) { return COLORS.mode[s.mode]; } }]
    };
    panicOptions.plugins.tooltip.callbacks.label = function (item) {
      var s = latest.samples[item.dataIndex];
      return 'Panic ratio ' + item.parsed.y.toFixed(3) + (s ? ' · ' + s.mode : '');
    };
    var panic = new Chart($('chart-panic'), {
      type: 'line',
      data: { datasets: [line('Panic ratio', '#1f2933', { borderWidth: 2 })] },
      options: panicOptions,
      plugins: [lanesPlugin, thresholdsPlugin]
    });

    var modeOptions = baseOptions(null);
    modeOptions.scales.y = { display: false, min: 0, max: 1 };
    modeOptions.plugins.legend = { display: false };
    modeOptions.plugins.lanes = {
      gap: 4,
      lanes: [
        { label: 'Breaker', color: function (s) { return COLORS.mode[s.mode] || '#a0aec0'; } },
        { label: 'Store', color: function (s) { return COLORS.store[s.storeHealthy === true]; } }
      ]
    };
    modeOptions.plugins.tooltip = {
      callbacks: {
        title: tooltipTitle,
        label: function (item) {
          var s = latest.samples[item.dataIndex];
          return s ? ['Breaker ' + s.mode, 'Store ' + (s.storeHealthy ? 'healthy' : 'unhealthy')] : '';
        }
      }
    };
    var mode = new Chart($('chart-mode'), {
      type: 'line',
      // An invisible series so that tooltips find the seconds; the lanes plugin draws the band.
      data: { datasets: [line('mode', 'rgba(0,0,0,0)', { borderWidth: 0, pointHoverRadius: 0 })] },
      options: modeOptions,
      plugins: [lanesPlugin]
    });

    var ageOptions = baseOptions('seconds');
    ageOptions.scales.y.ticks = { color: COLORS.muted };
    var age = new Chart($('chart-age'), {
      type: 'line',
      data: {
        datasets: [
          line('Average', COLORS.ageAvg, { fill: 'origin', backgroundColor: 'rgba(14, 116, 144, 0.10)' }),
          line('Oldest', COLORS.ageMax, { borderDash: [5, 3] }),
          line('p99', COLORS.ageP99, { borderDash: [2, 2] })
        ]
      },
      options: ageOptions
    });

    // Latencies span decades (a fresh hit in microseconds, a load in hundreds of milliseconds).
    var latencyOptions = baseOptions('milliseconds');
    latencyOptions.scales.y = {
      type: 'logarithmic',
      grid: { color: COLORS.grid },
      title: { display: true, text: 'milliseconds', color: COLORS.muted },
      ticks: {
        color: COLORS.muted,
        callback: function (value) {
          var power = Math.log10(value);
          return Math.abs(power - Math.round(power)) < 1e-9 ? millis(value) : '';
        }
      }
    };
    latencyOptions.plugins.tooltip.callbacks.label = function (item) {
      return item.dataset.label + ' ' + millis(item.parsed.y) + ' ms';
    };
    var latency = new Chart($('chart-latency'), {
      type: 'line',
      data: {
        datasets: [
          line('p50', COLORS.latencyP50),
          line('p99', COLORS.latencyP99, { borderDash: [5, 3] })
        ]
      },
      options: latencyOptions
    });

    var tierOptions = baseOptions('matches');
    tierOptions.scales.y.stacked = true;
    var tiers = new Chart($('chart-tiers'), {
      type: 'line',
      data: {
        datasets: [1, 2, 3, 4].map(function (t) {
          return line('Tier ' + t, COLORS.tiers[t], {
            fill: t === 1 ? 'origin' : '-1',
            backgroundColor: COLORS.tiers[t] + '33',
            stepped: true,
            borderWidth: 1.5
          });
        })
      },
      options: tierOptions
    });

    return { load: load, panic: panic, mode: mode, age: age, tiers: tiers, latency: latency };
  }

  function series(pick) {
    var s = latest.samples;
    var out = new Array(s.length);
    for (var i = 0; i < s.length; i++) {
      out[i] = { x: (s[i].t - latest.tLast) / 1000, y: pick(s[i]) };
    }
    return out;
  }

  function renderCharts() {
    if (typeof Chart === 'undefined') {
      $('chart-missing').hidden = false;
      return;
    }
    if (!charts) {
      charts = createCharts();
    }
    var step = stepFor(latest.span);
    Object.keys(charts).forEach(function (name) {
      var x = charts[name].options.scales.x;
      x.min = -latest.span;
      x.max = 0;
      x.ticks.stepSize = step;
    });
    charts.load.data.datasets[0].data = series(function (s) { return s.requests; });
    charts.load.data.datasets[1].data = series(function (s) { return s.loads; });
    charts.panic.data.datasets[0].data = series(function (s) { return s.panicRatio; });
    charts.mode.data.datasets[0].data = series(function () { return 0.5; });
    charts.age.data.datasets[0].data = series(function (s) { return s.servedAgeAvgSeconds; });
    charts.age.data.datasets[1].data = series(function (s) { return s.servedAgeMaxSeconds; });
    charts.age.data.datasets[2].data = series(function (s) {
      return typeof s.servedAgeP99Seconds === 'number' ? s.servedAgeP99Seconds : null;
    });
    charts.latency.data.datasets[0].data = series(function (s) { return toMillis(s.latencyP50Seconds); });
    charts.latency.data.datasets[1].data = series(function (s) { return toMillis(s.latencyP99Seconds); });
    [1, 2, 3, 4].forEach(function (t, i) {
      charts.tiers.data.datasets[i].data = series(function (s) { return tierCount(s, t); });
    });
    Object.keys(charts).forEach(function (name) {
      charts[name].update('none');
    });
  }

  // ---------------------------------------------------------------------------------------------

  function start() {
    refresh();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
