// The incimap web page: a world basemap, the rendered tiles beneath, the
// incidents clustered in the page (supercluster) from the same filtered
// list that the count shows, popups, a legend, filters (dates, a month
// slider that plays, event type, actor, country, fatalities), and the view
// and filters in the URL's #fragment. Every text that comes from the data
// is put into the page with textContent, never as HTML.
(function () {
  'use strict';
  const config = window.INCIMAP_CONFIG;
  const body = document.body;
  const errors = [];
  window.addEventListener('error', function (e) {
    errors.push(String(e.message));
    body.dataset.errors = errors.join(' | ');
  });

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function byId(id) { return document.getElementById(id); }
  // Leaflet joins attributions with commas: one ends without its period.
  function attributionText(s) { return escapeHtml(String(s || '').replace(/\.\s*$/, '')); }
  // Leaflet shows attributions as HTML: escape ours first.
  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function notice(text) {
    const n = byId('notice');
    n.textContent = text;
    n.hidden = false;
  }

  byId('title').textContent = config.title;
  document.title = config.title + ' — incimap';

  // The panel: open on wide screens, closed below 720 px (a phone, a small
  // embed), where the map needs the room.
  const toggle = byId('panel-toggle');
  function setPanel(open) {
    body.classList.toggle('panel-closed', !open);
    toggle.setAttribute('aria-expanded', String(open));
    body.dataset.panel = open ? 'open' : 'closed';
  }
  setPanel(!window.matchMedia('(max-width: 719px)').matches);
  toggle.addEventListener('click', function () { setPanel(true); });
  function closePanel() {
    setPanel(false);
    toggle.focus();
  }
  byId('panel-close').addEventListener('click', closePanel);
  byId('panel').addEventListener('keydown', function (e) {
    if (e.key === 'Escape') closePanel();
  });

  // Embedded in another page, the wheel scrolls that page until the map is
  // clicked or focused: a reader scrolling past is not caught by the map.
  const embedded = window.self !== window.top;
  const map = L.map('map', { preferCanvas: true, worldCopyJump: true, scrollWheelZoom: !embedded });
  if (embedded) map.once('click focus', function () { map.scrollWheelZoom.enable(); });

  // The world at low zooms, offline: Natural Earth's countries at 1:110m
  // under everything else (the tiles draw the detailed basemap where they are).
  map.createPane('world').style.zIndex = 150;
  fetch('assets/world/countries-110m.json')
    .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status)); })
    .then(function (topology) {
      L.geoJSON(topojson.feature(topology, topology.objects.countries), {
        pane: 'world', interactive: false,
        style: { color: '#c4bbae', weight: 0.7, fillColor: '#f4f1ea', fillOpacity: 1 }
      }).addTo(map);
      body.dataset.world = 'drawn';
    })
    .catch(function (e) { body.dataset.world = 'missing: ' + e.message; });

  if (config.basemap && config.basemap.url) {
    L.tileLayer(config.basemap.url, {
      maxZoom: 19,
      attribution: attributionText(config.basemap.attribution)
    }).addTo(map);
  }
  // A missing tile is an empty one: incimap does not write empty tiles.
  const transparent = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
  const big = config.tiles.tile_size === 512;
  let requested = 0;
  const tileOptions = {
    tileSize: config.tiles.tile_size,
    zoomOffset: big ? -1 : 0,
    minZoom: 0,
    minNativeZoom: config.tiles.minzoom + (big ? 1 : 0),
    maxNativeZoom: config.tiles.maxzoom + (big ? 1 : 0),
    maxZoom: 18,
    errorTileUrl: transparent,
    // Tiles that draw the incidents themselves sit dimmed under the page's
    // own clusters, which follow the filters; a density style stays whole.
    opacity: config.tiles.incidents ? 0.45 : 1,
    attribution: attributionText(config.attribution)
  };
  // A PMTiles archive is read in byte ranges by the pmtiles package's layer
  // (a missing tile is hidden); a folder or MBTiles file by its tile URLs.
  function archiveLayer(url) {
    const archive = new pmtiles.PMTiles(new URL(url, document.baseURI).href);
    // The layer asks for tiles by the map's zoom; 512-pixel tiles were
    // drawn one zoom lower (what zoomOffset does for tile URLs).
    const source = big ? {
      getHeader: () => archive.getHeader(),
      getZxy: (z, x, y, signal) => archive.getZxy(z - 1, x, y, signal)
    } : archive;
    return pmtiles.leafletRasterLayer(source, tileOptions);
  }
  const tiles = config.tiles.pmtiles ? archiveLayer(config.tiles.pmtiles) : L.tileLayer(config.tiles.url, tileOptions);
  tiles.on('tileloadstart', function () {
    requested += 1;
    body.dataset.tilesRequested = String(requested);
  });
  tiles.addTo(map);

  function swatchFor(entry) {
    const swatch = el('span', 'swatch ' + entry.symbol);
    if (entry.symbol === 'circle') {
      const d = Math.max(8, Math.min(2 * entry.size, 24));
      swatch.style.width = d + 'px';
      swatch.style.height = d + 'px';
      swatch.style.background = entry.fill;
    } else if (entry.symbol === 'fill') {
      swatch.style.background = entry.fill;
    } else if (entry.symbol === 'line') {
      swatch.style.borderTopColor = entry.stroke;
      swatch.style.borderTopWidth = Math.max(1, entry.size) + 'px';
    } else if (entry.symbol === 'ramp') {
      swatch.style.backgroundImage = 'linear-gradient(to right, ' +
        entry.ramp.map(function (s) { return s[1] + ' ' + (100 * s[0]) + '%'; }).join(', ') + ')';
    }
    return swatch;
  }
  function legend() {
    const box = byId('legend');
    for (const section of config.legend) {
      box.appendChild(el('h2', null, section.title));
      const list = el('ul');
      for (const entry of section.entries) {
        const item = el('li');
        item.appendChild(swatchFor(entry));
        item.appendChild(el('span', null, section.entries.length === 1 && entry.symbol !== 'ramp' ? section.title : entry.label));
        list.appendChild(item);
      }
      box.appendChild(list);
    }
    const item = el('li');
    const sample = el('span', 'swatch cluster-sample', '12');
    item.appendChild(sample);
    item.appendChild(el('span', null, 'Incidents close together: their number, their types around it; click to zoom in'));
    const list = el('ul');
    list.appendChild(item);
    box.appendChild(el('h2', null, 'Clusters'));
    box.appendChild(list);
  }
  legend();

  function popup(p) {
    const box = el('div', 'popup');
    box.appendChild(el('h3', null, [p.event_type, p.sub_event_type].filter(Boolean).join(' — ')));
    const rows = el('dl');
    function row(name, value) {
      if (value === undefined || value === null || value === '') return null;
      rows.appendChild(el('dt', null, name));
      const dd = el('dd', null, value);
      rows.appendChild(dd);
      return dd;
    }
    row('Date', p.event_date);
    row('Actors', [p.actor1, p.actor2].filter(Boolean).join(' vs '));
    row('With', p.assoc_actor_1);
    row('Fatalities', p.fatalities);
    row('Place', [p.location, p.admin1, p.country].filter(Boolean).join(', '));
    if (typeof p.source === 'string' && /^https?:\/\//i.test(p.source)) {
      const dd = row('Source', ' ');
      dd.textContent = '';
      const a = el('a', null, p.source);
      a.href = p.source;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      dd.appendChild(a);
    } else {
      row('Source', p.source);
    }
    box.appendChild(rows);
    if (p.notes) box.appendChild(el('blockquote', null, p.notes));
    return box;
  }

  // The incidents, each once: what the filters test and its marker.
  let points = [];
  let shownPoints = [];
  let index = null;
  const CLUSTER_MAX_ZOOM = 16;  // above it every incident is drawn alone
  const layer = L.layerGroup().addTo(map);

  function text(v) { return v === undefined || v === null ? '' : String(v); }
  function isUrl(s) { return /^https?:\/\//i.test(s); }
  function toPoint(f, i) {
    const p = f.properties || {};
    const c = f.geometry.coordinates;
    return {
      i: i, id: String(f.id), p: p, lon: c[0], lat: c[1],
      date: text(p.event_date), type: text(p.event_type), country: text(p.country),
      actors: [p.actor1, p.actor2, p.assoc_actor_1].map(text).join('\n').toLowerCase(),
      fatalities: Number(p.fatalities) || 0,
      color: p['marker-color'] || '#666666',
      // No smaller than the legend's smallest swatch, and big enough to tap.
      radius: Math.max(4, p['marker-radius'] || 6),
      // The rule of incimap's own credits: a row with an ACLED event id
      // and no link to an article of its own comes from ACLED.
      acled: text(p.event_id_cnty) !== '' && !isUrl(text(p.source)) && !isUrl(text(p.doc_id)),
      marker: null
    };
  }
  function markerOf(point) {
    if (!point.marker) {
      point.marker = L.circleMarker([point.lat, point.lon], {
        radius: point.radius, color: '#ffffff', weight: 1, fillColor: point.color, opacity: 1, fillOpacity: 1
      });
      point.marker.bindPopup(function () { return popup(point.p); });
    }
    return point.marker;
  }

  // A cluster: its number on a disc ringed with its types' colours, in
  // proportion.
  function clusterIcon(count, colours) {
    const total = Object.values(colours).reduce(function (a, b) { return a + b; }, 0) || 1;
    let at = 0;
    const stops = Object.keys(colours).sort().map(function (colour) {
      const from = at;
      at += 360 * colours[colour] / total;
      return colour + ' ' + from.toFixed(1) + 'deg ' + at.toFixed(1) + 'deg';
    });
    const size = Math.round(24 + 6 * Math.log10(count));
    const box = el('div', null, count);
    box.style.backgroundImage = 'conic-gradient(' + stops.join(', ') + ')';
    box.dataset.count = String(count);
    return L.divIcon({ className: 'incident-cluster', html: box, iconSize: [size, size] });
  }

  // The incidents of a cluster that no zoom splits (all at one place).
  function listPopup(id, count, at) {
    const leaves = index.getLeaves(id, 50);
    const box = el('div', 'popup cluster-list');
    box.appendChild(el('h3', null, count + ' incidents at this place' +
      (count > leaves.length ? ' (the first ' + leaves.length + ')' : '')));
    const list = el('ol');
    for (const leaf of leaves) {
      const point = points[leaf.properties.i];
      const button = el('button', 'link', [point.date, point.type, point.fatalities ? point.fatalities + ' killed' : '']
        .filter(Boolean).join(' · '));
      button.type = 'button';
      button.addEventListener('click', function () {
        L.popup().setLatLng(at).setContent(popup(point.p)).openOn(map);
      });
      const item = el('li');
      item.appendChild(button);
      list.appendChild(item);
    }
    box.appendChild(list);
    L.popup({ maxHeight: 260 }).setLatLng(at).setContent(box).openOn(map);
  }

  // Draws what the index holds in the view: clusters, and single incidents
  // on the canvas.
  function draw() {
    layer.clearLayers();
    if (!index) return;
    const b = map.getBounds().pad(0.2);
    const zoom = Math.round(map.getZoom());
    let singles = 0;
    let clusters = 0;
    const west = Math.max(-180, b.getWest()), east = Math.min(180, b.getEast());
    const found = east - west >= 360 ? index.getClusters([-180, -85, 180, 85], zoom)
      : index.getClusters([west, Math.max(-85, b.getSouth()), east, Math.min(85, b.getNorth())], zoom);
    for (const f of found) {
      const c = f.geometry.coordinates;
      const at = L.latLng(c[1], c[0]);
      if (f.properties.cluster) {
        const id = f.properties.cluster_id;
        const marker = L.marker(at, { icon: clusterIcon(f.properties.point_count, f.properties.colours),
                                      title: f.properties.point_count + ' incidents' });
        marker.on('click', function () {
          const expansion = index.getClusterExpansionZoom(id);
          if (expansion > CLUSTER_MAX_ZOOM) listPopup(id, f.properties.point_count, at);
          else map.setView(at, expansion);
        });
        marker.on('add', function () { marker.getElement().dataset.cluster = String(id); });
        layer.addLayer(marker);
        clusters += 1;
      } else {
        layer.addLayer(markerOf(points[f.properties.i]));
        singles += 1;
      }
    }
    body.dataset.clusters = String(clusters);
    body.dataset.singles = String(singles);
  }
  map.on('moveend', function () { draw(); writeHash(); });

  // The filters.
  const from = byId('from');
  const to = byId('to');
  const month = byId('month');
  const typeChoice = byId('type');
  const actor = byId('actor');
  const countryChoice = byId('country');
  const fatalities = byId('fatalities');
  let months = [];

  function matches(point, f) {
    return (!f.dated || (point.date >= f.from && point.date <= f.to + '\uffff')) &&
      (!f.type || point.type === f.type) &&
      (!f.country || point.country === f.country) &&
      (!f.actor || point.actors.indexOf(f.actor) >= 0) &&
      point.fatalities >= f.fatalities;
  }
  function currentFilters() {
    // All the dates: undated incidents too.
    const all = config.dates || ['', ''];
    return {
      dated: (from.value || all[0]) > all[0] || (to.value || all[1]) < all[1],
      from: from.value || '0000-00-00', to: to.value || '9999-99-99',
      type: typeChoice.value, country: countryChoice.value,
      actor: actor.value.trim().toLowerCase(), fatalities: Math.max(0, Number(fatalities.value) || 0)
    };
  }

  let acledCredited = false;
  function credit(acled) {
    if (acled === acledCredited || !config.credits || !config.credits.acled) return;
    const text = escapeHtml(config.credits.acled);
    if (acled) map.attributionControl.addAttribution(text);
    else map.attributionControl.removeAttribution(text);
    acledCredited = acled;
  }

  function apply() {
    const f = currentFilters();
    shownPoints = points.filter(function (point) { return matches(point, f); });
    index = new Supercluster({
      // 45 screen pixels: supercluster's pixels are 1/EXTENT of a tile.
      radius: 45, extent: 256, maxZoom: CLUSTER_MAX_ZOOM,
      map: function (props) { const c = {}; c[points[props.i].color] = 1; return { colours: c }; },
      reduce: function (acc, props) {
        for (const k in props.colours) acc.colours[k] = (acc.colours[k] || 0) + props.colours[k];
      }
    });
    index.load(shownPoints.map(function (point) {
      return { type: 'Feature', properties: { i: point.i }, geometry: { type: 'Point', coordinates: [point.lon, point.lat] } };
    }));
    map.closePopup();
    draw();
    const killed = shownPoints.reduce(function (n, point) { return n + point.fatalities; }, 0);
    const range = config.dates ? ', ' + (from.value || config.dates[0]) + ' to ' + (to.value || config.dates[1]) : '';
    byId('summary').textContent = shownPoints.length + ' of ' + points.length + ' incidents, ' +
      killed + ' fatalities' + range;
    body.dataset.shown = String(shownPoints.length);
    credit(shownPoints.some(function (point) { return point.acled; }));
    const m = months.indexOf((from.value || '').slice(0, 7));
    if (m >= 0 && from.value === months[m] + '-01' && to.value === lastDay(months[m])) {
      month.value = String(m);
      byId('month-name').textContent = months[m];
    } else {
      byId('month-name').textContent = '';
    }
    writeHash();
  }

  const lastDay = incimapMonths.lastDay;
  const stop = incimapMonths.controls(function () { return months; }, apply);

  function allDates() {
    from.value = config.dates ? config.dates[0] : '';
    to.value = config.dates ? config.dates[1] : '';
  }
  byId('all-dates').addEventListener('click', function () { stop(); allDates(); apply(); });
  for (const input of [from, to, typeChoice, countryChoice, fatalities, actor]) input.addEventListener('change', apply);
  // While a name is typed, once the typing pauses: a large page takes a
  // moment to cluster again.
  let typing = null;
  actor.addEventListener('input', function () {
    clearTimeout(typing);
    typing = setTimeout(apply, 300);
  });

  // The choices: each value with its number of incidents, most first.
  function fill(select, values) {
    for (const v of values) {
      const option = el('option', null, v[0] + ' (' + v[1] + ')');
      option.value = v[0];
      select.appendChild(option);
    }
  }
  function tally(pick) {
    const counts = new Map();
    for (const point of points)
      for (const v of pick(point)) if (v) counts.set(v, (counts.get(v) || 0) + 1);
    return Array.from(counts).sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
  }

  // The view and the filters in the #fragment, so that a link shows the
  // same: #map=ZOOM/LAT/LON&from=…&to=…&type=…&actor=…&country=…&fatalities=…
  let restoring = false;
  function writeHash() {
    if (restoring || body.dataset.state !== 'ready') return;
    const c = map.getCenter();
    const q = new URLSearchParams();
    q.set('map', map.getZoom() + '/' + c.lat.toFixed(4) + '/' + c.lng.toFixed(4));
    if (config.dates && from.value && from.value !== config.dates[0]) q.set('from', from.value);
    if (config.dates && to.value && to.value !== config.dates[1]) q.set('to', to.value);
    if (typeChoice.value) q.set('type', typeChoice.value);
    if (actor.value.trim()) q.set('actor', actor.value.trim());
    if (countryChoice.value) q.set('country', countryChoice.value);
    if (Number(fatalities.value) > 0) q.set('fatalities', String(Number(fatalities.value)));
    const hash = '#' + q.toString().replace(/%2F/g, '/');
    if (hash !== window.location.hash) history.replaceState(null, '', hash);
  }
  function choose(select, value) {
    select.value = value || '';
    if (select.value !== (value || '')) select.value = '';  // not among the choices
  }
  function readHash() {
    const q = new URLSearchParams(window.location.hash.slice(1));
    restoring = true;
    allDates();
    if (q.get('from')) from.value = q.get('from');
    if (q.get('to')) to.value = q.get('to');
    choose(typeChoice, q.get('type'));
    choose(countryChoice, q.get('country'));
    actor.value = q.get('actor') || '';
    fatalities.value = String(Math.max(0, Number(q.get('fatalities')) || 0));
    const view = /^(\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(q.get('map') || '');
    if (view) map.setView([Number(view[2]), Number(view[3])], Number(view[1]), { animate: false });
    restoring = false;
    apply();
    return q;
  }

  function fitAll() {
    const b = config.bounds;
    const open = body.dataset.panel === 'open';
    map.fitBounds([[b[1], b[0]], [b[3], b[2]]],
                  { paddingTopLeft: [10, 10], paddingBottomRight: [open ? byId('panel').offsetWidth + 20 : 10, 10] });
  }
  fitAll();

  // index.html#open=ID opens the popup of an incident: links to one. The map
  // zooms in until the incident is out of every cluster.
  function openIncident(id) {
    const point = shownPoints.find(function (p) { return p.id === id; });
    if (!point) return;
    let zoom = Math.max(Math.round(map.getZoom()), 0);
    const near = [point.lon - 1e-6, point.lat - 1e-6, point.lon + 1e-6, point.lat + 1e-6];
    while (zoom <= CLUSTER_MAX_ZOOM &&
           !index.getClusters(near, zoom).some(function (f) { return !f.properties.cluster && f.properties.i === point.i; }))
      zoom += 1;
    map.setView([point.lat, point.lon], zoom, { animate: false });
    draw();
    markerOf(point).openPopup();
  }

  fetch(config.incidents)
    .then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status + ' for ' + config.incidents);
      return r.json();
    })
    .then(function (data) {
      points = data.features.map(toPoint);
      fill(typeChoice, tally(function (p) { return [p.type]; }));
      fill(countryChoice, tally(function (p) { return [p.country]; }));
      const actors = byId('actors');
      for (const a of tally(function (p) { return [p.p.actor1, p.p.actor2]; }).slice(0, 300))
        actors.appendChild(el('option', null, a[0]));
      if (config.dates) {
        from.min = to.min = config.dates[0];
        from.max = to.max = config.dates[1];
        months = incimapMonths.between(config.dates[0], config.dates[1]);
        month.max = String(months.length - 1);
      }
      byId('months').hidden = months.length < 2;
      body.dataset.incidents = String(points.length);
      const q = readHash();
      body.dataset.state = 'ready';
      writeHash();
      if (q.get('open')) openIncident(q.get('open'));
      window.addEventListener('hashchange', function () {
        if (body.dataset.state === 'ready') readHash();
      });
    })
    .catch(function (e) {
      notice('The incidents could not be loaded (' + e.message + '). Open this page through "incimap serve", not as a file.');
      body.dataset.state = 'no-incidents';
    });

  // For scripts that drive the page (and its tests): the map, and the
  // incidents of a cluster or of the view, by id.
  window.incimapPage = {
    map: map,
    leaves: function (clusterId) {
      return index.getLeaves(Number(clusterId), Infinity).map(function (f) { return points[f.properties.i].id; });
    },
    inView: function () {
      const b = map.getBounds();
      return shownPoints.filter(function (p) { return b.contains([p.lat, p.lon]); }).map(function (p) { return p.id; });
    }
  };
})();
