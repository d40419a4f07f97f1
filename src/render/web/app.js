// The incimap web page: the rendered tiles, the incidents as clickable
// points with popups, a legend and a date filter. Every text that comes
// from the data is put into the page with textContent, never as HTML.
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
  // Leaflet shows attributions as HTML: escape ours first.
  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function notice(text) {
    const n = document.getElementById('notice');
    n.textContent = text;
    n.hidden = false;
  }

  document.getElementById('title').textContent = config.title;
  document.title = config.title + ' — incimap';

  const map = L.map('map', { preferCanvas: true });
  if (config.basemap && config.basemap.url) {
    L.tileLayer(config.basemap.url, {
      maxZoom: 19,
      attribution: escapeHtml(config.basemap.attribution || '')
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
    attribution: escapeHtml(config.attribution)
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
  const b = config.bounds;
  map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);

  function legend() {
    const box = document.getElementById('legend');
    for (const section of config.legend) {
      box.appendChild(el('h2', null, section.title));
      const list = el('ul');
      for (const entry of section.entries) {
        const item = el('li');
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
        item.appendChild(swatch);
        item.appendChild(el('span', null, section.entries.length === 1 && entry.symbol !== 'ramp' ? section.title : entry.label));
        list.appendChild(item);
      }
      box.appendChild(list);
    }
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

  const group = L.featureGroup().addTo(map);
  let points = [];
  const from = document.getElementById('from');
  const to = document.getElementById('to');

  function applyDates() {
    const lo = from.value || '0000-00-00';
    const hi = to.value || '9999-99-99';
    const narrowed = lo > (config.dates ? config.dates[0] : '') || hi < (config.dates ? config.dates[1] : '');
    let shown = 0;
    for (const point of points) {
      const d = String(point.date || '');
      const inside = d >= lo && d <= hi.concat('\uffff');
      if (inside) {
        shown += 1;
        if (!group.hasLayer(point.marker)) group.addLayer(point.marker);
        // The tiles show everything; a narrower range draws its incidents
        // on top and dims the tiles.
        point.marker.setStyle(narrowed ? { opacity: 1, fillOpacity: 0.9 } : { opacity: 0, fillOpacity: 0 });
      } else if (group.hasLayer(point.marker)) {
        group.removeLayer(point.marker);
      }
    }
    tiles.setOpacity(narrowed ? 0.35 : 1);
    document.getElementById('summary').textContent =
      shown + ' of ' + points.length + ' incidents' + (config.dates ? ', ' + (from.value || config.dates[0]) + ' to ' + (to.value || config.dates[1]) : '');
    body.dataset.shown = String(shown);
  }

  document.getElementById('all-dates').addEventListener('click', function () {
    from.value = config.dates ? config.dates[0] : '';
    to.value = config.dates ? config.dates[1] : '';
    applyDates();
  });
  from.addEventListener('change', applyDates);
  to.addEventListener('change', applyDates);

  fetch(config.incidents)
    .then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status + ' for ' + config.incidents);
      return r.json();
    })
    .then(function (data) {
      points = data.features.map(function (f) {
        const c = f.geometry.coordinates;
        const p = f.properties;
        const marker = L.circleMarker([c[1], c[0]], {
          radius: p['marker-radius'] || 6, color: '#ffffff', weight: 1,
          fillColor: p['marker-color'] || '#666666', opacity: 0, fillOpacity: 0
        });
        marker.bindPopup(function () { return popup(p); });
        return { marker: marker, date: p.event_date, id: String(f.id) };
      });
      if (config.dates) {
        from.min = to.min = config.dates[0];
        from.max = to.max = config.dates[1];
        from.value = config.dates[0];
        to.value = config.dates[1];
      }
      applyDates();
      body.dataset.incidents = String(points.length);
      // index.html#open=ID opens the popup of an incident: links to one.
      const wanted = /^#open=(.+)$/.exec(window.location.hash);
      const chosen = wanted && points.find(function (point) { return point.id === decodeURIComponent(wanted[1]); });
      if (chosen) chosen.marker.openPopup();
      body.dataset.state = 'ready';
    })
    .catch(function (e) {
      notice('The incidents could not be loaded (' + e.message + '). Open this page through "incimap serve", not as a file.');
      body.dataset.state = 'no-incidents';
    });
})();
