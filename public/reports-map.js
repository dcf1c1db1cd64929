// Progressive enhancement: a map to drop a pin on (report journey) or to show a report's place (staff).
// Without JavaScript the page works from the street, postcode or landmark field.
const L = window.L;
const CITY = [51.5155, -0.0922];

function baseMap(el, container) {
  const map = L.map(el, { scrollWheelZoom: false }).setView(CITY, 15);
  const tiles = container.dataset.tiles;
  if (tiles) L.tileLayer(tiles, { maxZoom: 19, attribution: '&copy; OpenStreetMap contributors' }).addTo(map);
  return map;
}

function picker(container) {
  container.hidden = false;
  const el = container.querySelector('#report-map');
  const lat = document.getElementById('lat');
  const lng = document.getElementById('lng');
  const status = document.getElementById('map-pin-status');
  const map = baseMap(el, container);
  let marker = null;
  const place = (latlng, announce) => {
    if (marker) marker.setLatLng(latlng);
    else marker = L.marker(latlng, { keyboard: false }).addTo(map);
    lat.value = latlng.lat.toFixed(6);
    lng.value = latlng.lng.toFixed(6);
    if (announce) status.textContent = 'Pin placed. You can also describe the place in the box below.';
  };
  if (lat.value && lng.value) place(L.latLng(Number(lat.value), Number(lng.value)), false);
  if (container.dataset.boundary) {
    fetch(container.dataset.boundary)
      .then((r) => r.json())
      .then((geo) =>
        L.geoJSON(geo, { style: { color: '#1d70b8', weight: 2, fill: false }, interactive: false }).addTo(
          map,
        ),
      )
      .catch(() => {});
  }
  map.on('click', (e) => place(e.latlng, true));
  const clear = document.createElement('button');
  clear.type = 'button';
  clear.className = 'govuk-button govuk-button--secondary';
  clear.textContent = 'Remove pin';
  clear.addEventListener('click', () => {
    if (marker) map.removeLayer(marker);
    marker = null;
    lat.value = '';
    lng.value = '';
    status.textContent = 'Pin removed.';
  });
  container.appendChild(clear);
}

function readonly(container) {
  const el = container.querySelector('#report-map');
  const latlng = [Number(container.dataset.lat), Number(container.dataset.lng)];
  const map = baseMap(el, container);
  map.setView(latlng, 17);
  L.marker(latlng, { keyboard: false }).addTo(map);
}

if (L) {
  for (const c of document.querySelectorAll('[data-module="app-report-map"]')) {
    if (c.dataset.readonly) readonly(c);
    else picker(c);
  }
}
