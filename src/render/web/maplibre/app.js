// incimap's MapLibre GL page: the vector tiles of `incimap tiles --vector`
// (a .pbf folder or a PMTiles archive read in byte ranges) drawn with the
// style config.js carries, a legend, filters, and a popup per incident.
// Texts from the data go into the page with textContent, never as HTML.
// The view can be given as #at=LON,LAT,ZOOM; otherwise it fits the bounds.
// The filters too: #at=…&from=DATE&to=DATE&type=…&actor=…&country=…&fatalities=N.
(function () {
  'use strict';
  const config = window.INCIMAP_CONFIG;
  const body = document.body;
  const errors = [];
  function fail(message) {
    errors.push(String(message));
    body.dataset.errors = errors.join(' | ');
  }
  window.addEventListener('error', function (e) { fail(e.message); });

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  document.getElementById('title').textContent = config.title;
  document.title = config.title + ' — incimap';
  document.getElementById('summary').textContent =
    config.dates ? 'Incidents from ' + config.dates[0] + ' to ' + config.dates[1] : '';
  const legend = document.getElementById('legend');
  (config.legend || []).forEach(function (section) {
    legend.appendChild(el('h2', null, section.title));
    (section.entries || []).forEach(function (entry) {
      const item = el('div', 'legend-item');
      const swatch = el('span', 'swatch');
      swatch.style.background = entry.fill || '#666';
      item.appendChild(swatch);
      item.appendChild(el('span', null, entry.label));
      legend.appendChild(item);
    });
  });

  // The filters: dates (with a month slider that plays), event type,
  // actor, country and fatalities, each a MapLibre filter expression on
  // the incidents' layers, kept in the #fragment so that a link shows the
  // same. A cluster (point_count) merges incidents of many dates and
  // actors that no expression can split: it is hidden while a filter is on.
  function byId(id) { return document.getElementById(id); }
  const from = byId('from'), to = byId('to'), month = byId('month'), typeChoice = byId('type');
  const actor = byId('actor'), countryChoice = byId('country'), fatalities = byId('fatalities');
  const choices = config.choices || {};
  function fill(select, values) {
    (values || []).forEach(function (v) {
      const option = el('option', null, v);
      option.value = v;
      select.appendChild(option);
    });
  }
  fill(typeChoice, choices.event_type);
  fill(countryChoice, choices.country);
  (choices.actors || []).forEach(function (a) {
    const option = el('option');
    option.value = a;
    byId('actors').appendChild(option);
  });
  const months = config.dates ? incimapMonths.between(config.dates[0], config.dates[1]) : [];
  if (config.dates) {
    from.min = to.min = config.dates[0];
    from.max = to.max = config.dates[1];
  }
  month.max = String(Math.max(0, months.length - 1));
  byId('months').hidden = months.length < 2;
  const lastDay = incimapMonths.lastDay;

  function chosen() {
    return {
      from: from.value, to: to.value, type: typeChoice.value, country: countryChoice.value,
      actor: actor.value.trim().toLowerCase(), fatalities: Math.max(0, Number(fatalities.value) || 0)
    };
  }
  function tests(f) {
    const t = [];
    const date = ['to-string', ['coalesce', ['get', 'event_date'], '']];
    if (f.from) t.push(['>=', date, f.from]);
    if (f.to) t.push(['all', ['has', 'event_date'], ['<=', date, f.to]]);
    if (f.type) t.push(['==', ['get', 'event_type'], f.type]);
    if (f.country) t.push(['==', ['get', 'country'], f.country]);
    if (f.actor) {
      t.push(['any'].concat(['actor1', 'actor2', 'assoc_actor_1'].map(function (k) {
        return ['in', f.actor, ['downcase', ['to-string', ['coalesce', ['get', k], '']]]];
      })));
    }
    if (f.fatalities > 0) t.push(['>=', ['to-number', ['get', 'fatalities'], 0], f.fatalities]);
    if (t.length) t.unshift(['!', ['has', 'point_count']]);
    return t;
  }
  const incidentLayers = config.style.layers.filter(function (l) { return l.source === 'incidents'; });
  const baseFilter = {};
  incidentLayers.forEach(function (l) { baseFilter[l.id] = l.filter; });
  function filterOf(id, t) {
    const all = (baseFilter[id] ? [baseFilter[id]] : []).concat(t);
    return all.length === 0 ? null : all.length === 1 ? all[0] : ['all'].concat(all);
  }
  function describe(f) {
    const parts = [];
    if (f.from || f.to) parts.push((f.from || config.dates[0]) + ' to ' + (f.to || config.dates[1]));
    else if (config.dates) parts.push(config.dates[0] + ' to ' + config.dates[1]);
    if (f.type) parts.push(f.type);
    if (f.country) parts.push(f.country);
    if (f.actor) parts.push('actor "' + f.actor + '"');
    if (f.fatalities > 0) parts.push('at least ' + f.fatalities + ' killed');
    byId('summary').textContent = parts.length ? 'Incidents: ' + parts.join(', ') : '';
    const m = months.indexOf((f.from || '').slice(0, 7));
    const whole = m >= 0 && f.from === months[m] + '-01' && f.to === lastDay(months[m]);
    if (whole) month.value = String(m);
    byId('month-name').textContent = whole ? months[m] : '';
  }
  function remember(f) {
    const q = new URLSearchParams(location.hash.slice(1));
    ['from', 'to', 'type', 'country', 'actor'].forEach(function (k) {
      if (f[k]) q.set(k, f[k]); else q.delete(k);
    });
    if (f.fatalities > 0) q.set('fatalities', String(f.fatalities)); else q.delete('fatalities');
    const hash = q.toString().replace(/%2C/g, ',');
    history.replaceState(null, '', hash ? '#' + hash : location.pathname);
  }
  // Before the map exists: the style it starts with carries the filters.
  const asked = new URLSearchParams(location.hash.slice(1));
  from.value = asked.get('from') || '';
  to.value = asked.get('to') || '';
  typeChoice.value = asked.get('type') || '';
  countryChoice.value = asked.get('country') || '';
  actor.value = asked.get('actor') || '';
  fatalities.value = String(Math.max(0, Number(asked.get('fatalities')) || 0));
  const initial = tests(chosen());
  incidentLayers.forEach(function (l) {
    const f = filterOf(l.id, initial);
    if (f) l.filter = f; else delete l.filter;
  });
  describe(chosen());

  if (window.pmtiles) {
    maplibregl.addProtocol('pmtiles', new pmtiles.Protocol().tile);
  }
  // MapLibre fetches tiles in a worker, which cannot resolve URLs relative
  // to the page: make them absolute.
  Object.values(config.style.sources).forEach(function (source) {
    if (source.tiles) {
      source.tiles = source.tiles.map(function (t) {
        return /^[a-z]+:/.test(t) ? t : decodeURI(new URL(t, location.href).href);
      });
    }
    if (source.url && source.url.startsWith('pmtiles://') && !/^pmtiles:\/\/[a-z]+:/.test(source.url)) {
      source.url = 'pmtiles://' + new URL(source.url.slice(10), location.href).href;
    }
  });
  let requested = 0;
  const view = /#at=(-?[\d.]+),(-?[\d.]+),([\d.]+)/.exec(location.hash);
  const b = config.bounds;
  const options = {
    container: 'map',
    style: config.style,
    attributionControl: { compact: false },
    transformRequest: function (url) {
      requested += 1;
      body.dataset.tilesRequested = String(requested);
      return { url: url };
    }
  };
  if (view) {
    options.center = [Number(view[1]), Number(view[2])];
    options.zoom = Number(view[3]);
  } else {
    options.bounds = [[b[0], b[1]], [b[2], b[3]]];
    options.fitBoundsOptions = { padding: 20 };
  }
  const map = new maplibregl.Map(options);
  map.on('error', function (e) { fail(e.error ? e.error.message : 'map error'); });

  function apply() {
    const f = chosen();
    const t = tests(f);
    incidentLayers.forEach(function (l) { map.setFilter(l.id, filterOf(l.id, t)); });
    describe(f);
    remember(f);
  }
  const stop = incimapMonths.controls(function () { return months; }, apply);
  byId('all-dates').addEventListener('click', function () { stop(); from.value = ''; to.value = ''; apply(); });
  [from, to, typeChoice, countryChoice, fatalities, actor].forEach(function (input) {
    input.addEventListener('change', apply);
  });

  const shown = config.popup || [];
  const layers = config.style.layers.filter(function (l) { return l.source === 'incidents' || l.source === 'regions'; })
    .map(function (l) { return l.id; });
  layers.forEach(function (id) {
    map.on('click', id, function (e) {
      const p = e.features[0].properties;
      const list = el('dl', 'popup');
      const names = p.incident_count !== undefined ? ['name', 'admin', 'incident_count', 'incident_fatalities']
        : p.point_count ? ['point_count', 'fatalities', 'event_type'] : shown;
      names.forEach(function (name) {
        if (p[name] === undefined || p[name] === '') return;
        list.appendChild(el('dt', null, name === 'point_count' ? 'incidents' : name.replace(/_/g, ' ')));
        list.appendChild(el('dd', null, p[name]));
      });
      new maplibregl.Popup().setLngLat(e.lngLat).setDOMContent(list).addTo(map);
    });
    map.on('mouseenter', id, function () { map.getCanvas().style.cursor = 'pointer'; });
    map.on('mouseleave', id, function () { map.getCanvas().style.cursor = ''; });
  });
  // What the test and a reader can see: how many incidents and regions are
  // drawn, each time the map settles.
  map.on('idle', function () {
    body.dataset.rendered = String(map.queryRenderedFeatures({ layers: layers }).length);
    body.dataset.state = 'ready';
  });
})();
