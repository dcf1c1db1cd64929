// Progressive enhancement: fill the contact's place from the phone's location. Without JavaScript
// (or without permission) the worker chooses the nearest landmark instead.
const box = document.querySelector('[data-module="app-current-location"]');
if (box && 'geolocation' in navigator) {
  box.hidden = false;
  const status = document.getElementById('location-status');
  document.getElementById('use-location').addEventListener('click', () => {
    status.textContent = 'Finding your location…';
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        document.getElementById('lat').value = pos.coords.latitude.toFixed(6);
        document.getElementById('lng').value = pos.coords.longitude.toFixed(6);
        document.getElementById('placeKind').value = 'current-location';
        status.textContent = 'Your location is saved. The nearest landmark will be added when you continue.';
      },
      () => {
        status.textContent = 'Your location could not be found: choose the nearest landmark instead.';
      },
      { enableHighAccuracy: true, timeout: 10000 },
    );
  });
}
