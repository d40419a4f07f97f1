// incimap's MapLibre GL page: the vector tiles of `incimap tiles --vector`
// (a .pbf folder or a PMTiles archive read in byte ranges) drawn with the
// style config.js carries, a legend, and a popup per incident. Texts from
// the data go into the page with textContent, never as HTML.
// The view can be given as #at=LON,LAT,ZOOM; otherwise it fits the bounds.
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
  map.once('idle', function () {
    body.dataset.state = 'ready';
    body.dataset.rendered = String(map.queryRenderedFeatures({ layers: layers }).length);
  });
})();
