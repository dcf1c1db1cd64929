// Progressive enhancement: the hot spot map. Without JavaScript (or without tiles) the page's tables
// carry everything; with no tile URL or no network the boundary and cells still draw.
const L = window.L;

const CLASS_COLOURS = {
  'hot-99': '#d4351c',
  'hot-95': '#f47738',
  'hot-90': '#ffdd00',
  'cold-99': '#003078',
  'cold-95': '#1d70b8',
  'cold-90': '#5694ca',
  'not-significant': '#b1b4b6',
};
const CLASS_LABELS = {
  'hot-99': 'Hot 99%',
  'hot-95': 'Hot 95%',
  'hot-90': 'Hot 90%',
  'cold-99': 'Cold 99%',
  'cold-95': 'Cold 95%',
  'cold-90': 'Cold 90%',
  'not-significant': 'Not significant',
};

function escapeHtml(s) {
  return String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

function densityColour(v, max) {
  const t = max > 0 ? Math.sqrt(v / max) : 0;
  const shades = ['#f3e5dc', '#f0c8ae', '#ec9f78', '#d9603b', '#942514'];
  return shades[Math.min(shades.length - 1, Math.floor(t * shades.length))];
}

function legend(map) {
  const control = L.control({ position: 'bottomright' });
  control.onAdd = () => {
    const div = L.DomUtil.create('div', 'app-map-legend');
    div.innerHTML = Object.entries(CLASS_LABELS)
      .map(([k, label]) => `<span class="app-class--${k}"></span>${label}`)
      .join('<br>');
    return div;
  };
  control.addTo(map);
}

async function draw(container) {
  const status = container.querySelector('#analysis-map-status');
  const response = await fetch(container.dataset.mapUrl, { headers: { accept: 'application/json' } });
  if (!response.ok) {
    status.textContent = 'The map could not be drawn; the tables below show the same figures.';
    return;
  }
  const data = await response.json();
  container.hidden = false;
  const map = L.map(container.querySelector('#analysis-map'), { scrollWheelZoom: false });
  if (container.dataset.tiles) {
    // The tile URL is a setting: credit OpenStreetMap for its tiles, otherwise name the tile server.
    const tiles = container.dataset.tiles;
    let host = '';
    try {
      host = new URL(tiles.replace(/\{[a-z]\}/g, '0'), window.location.href).host;
    } catch {
      host = '';
    }
    const attribution = /openstreetmap/i.test(host)
      ? '&copy; OpenStreetMap contributors'
      : `Map tiles: ${escapeHtml(host)}`;
    L.tileLayer(tiles, { maxZoom: 19, attribution }).addTo(map);
  }
  const areas = L.geoJSON(data.areas, {
    style: { color: '#0b0c0c', weight: 2, fill: false },
    onEachFeature: (f, layer) =>
      layer.bindTooltip(`${escapeHtml(f.properties.name)} (${escapeHtml(f.properties.code)})`),
  }).addTo(map);
  map.fitBounds(areas.getBounds());

  const cellPopup = (p) =>
    `<strong>Cell ${escapeHtml(p.id)}</strong><br>${p.count} records<br>Density ${p.density} per km²<br>Gi* z ${p.z} (${CLASS_LABELS[p.cls]})<br>Trend: ${p.trend}${p.gap ? '<br><strong>No camera nearby</strong>' : ''}`;
  const hotCold = L.geoJSON(data.cells, {
    style: (f) => ({
      color: f.properties.gap ? '#0b0c0c' : CLASS_COLOURS[f.properties.cls],
      weight: f.properties.gap ? 3 : 1,
      dashArray: f.properties.gap ? '4 3' : null,
      fillColor: CLASS_COLOURS[f.properties.cls],
      fillOpacity: f.properties.cls === 'not-significant' ? 0.1 : 0.55,
    }),
    onEachFeature: (f, layer) => layer.bindPopup(cellPopup(f.properties)),
  }).addTo(map);
  const maxDensity = Math.max(0, ...data.cells.features.map((f) => f.properties.density));
  const density = L.geoJSON(data.cells, {
    style: (f) => ({
      weight: 0,
      fillColor: densityColour(f.properties.density, maxDensity),
      fillOpacity: 0.7,
    }),
    onEachFeature: (f, layer) => layer.bindPopup(cellPopup(f.properties)),
  });
  const points = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
  for (const [lat, lon] of data.points)
    points.addLayer(L.circleMarker([lat, lon], { radius: 4, weight: 1, color: '#0b0c0c', fillOpacity: 0.8 }));
  const cctv = L.layerGroup(
    data.cctv.map(([lat, lon, ref, label]) =>
      L.circleMarker([lat, lon], {
        radius: 5,
        color: '#4c2c92',
        fillColor: '#4c2c92',
        fillOpacity: 0.9,
      }).bindTooltip(`CCTV ${escapeHtml(ref)} ${escapeHtml(label)}`),
    ),
  );
  const coverage = L.layerGroup(
    data.cctv.map(([lat, lon]) =>
      L.circle([lat, lon], { radius: data.gapDistance, weight: 1, color: '#4c2c92', fill: false }),
    ),
  );
  const lights = L.layerGroup(
    data.streetlights.map(([lat, lon, ref, label]) =>
      L.circleMarker([lat, lon], {
        radius: 2,
        color: '#594d00',
        fillColor: '#ffdd00',
        fillOpacity: 1,
        weight: 1,
      }).bindTooltip(`Street light ${escapeHtml(ref)} ${escapeHtml(label)}`),
    ),
  );
  points.addTo(map);
  if (data.cctv.length) cctv.addTo(map);
  L.control
    .layers(
      { 'Hot and cold spots (Gi*)': hotCold, 'Kernel density': density },
      {
        Areas: areas,
        [`Records (${data.points.length}, clustered)`]: points,
        [`CCTV cameras (${data.cctv.length})`]: cctv,
        [`Camera reach (${data.gapDistance} m)`]: coverage,
        [`Street lights (${data.streetlights.length})`]: lights,
      },
      { collapsed: false },
    )
    .addTo(map);
  legend(map);
  status.textContent = `Map drawn: ${data.cells.features.length} cells with records, ${data.points.length} records, ${data.cctv.length} cameras, ${data.streetlights.length} street lights.`;
}

if (L) {
  for (const c of document.querySelectorAll('[data-module="app-analysis-map"]')) {
    draw(c).catch(() => {
      const s = c.querySelector('#analysis-map-status');
      if (s) s.textContent = 'The map could not be drawn; the tables below show the same figures.';
    });
  }
}
