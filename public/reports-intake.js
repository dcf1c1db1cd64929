// Live history for telephone intake: as the call handler types, fetch earlier contacts for the
// person and place. Without JavaScript the "Look up history" button does the same.
const form = document.getElementById('intake-form');
const panel = document.getElementById('intake-history');
if (form && panel) {
  let timer = null;
  let last = '';
  const refresh = async () => {
    const params = new URLSearchParams();
    for (const field of ['phone', 'email', 'givenName', 'surname', 'location']) {
      const v = form.elements[field]?.value.trim();
      if (
        v &&
        (field !== 'phone' || v.replace(/\D/g, '').length >= 10) &&
        ((field !== 'surname' && field !== 'givenName') || v.length >= 2)
      )
        params.set(field, v);
    }
    const qs = params.toString();
    if (qs === last) return;
    last = qs;
    try {
      const res = await fetch(`/intake/history?${qs}`, {
        headers: { accept: 'text/html' },
        credentials: 'same-origin',
      });
      if (res.ok && qs === last) panel.innerHTML = await res.text();
    } catch {
      // the button still works
    }
  };
  form.addEventListener('input', (e) => {
    if (!e.target.closest('[data-lookup]') && !e.target.dataset.lookup) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
}
