// Progressive enhancement: upload forms marked data-module="app-upload-progress" show a progress
// bar while the files upload, then say the rows are being checked and imported. Without
// JavaScript the form posts as usual. The server answers this script with where to go next
// ({ location }) when the import succeeds, or with the page listing what was wrong.
import { initAll } from '/assets/govuk/govuk-frontend.min.js';

function progressBlock(form) {
  const wrap = document.createElement('div');
  wrap.className = 'app-upload-progress';
  wrap.hidden = true;
  const label = document.createElement('label');
  label.className = 'govuk-label govuk-label--s';
  const id = `${form.querySelector('input[type=file]')?.id ?? 'upload'}-progress`;
  label.htmlFor = id;
  label.textContent = 'Upload';
  const bar = document.createElement('progress');
  bar.id = id;
  bar.max = 100;
  bar.className = 'app-upload-progress__bar';
  const status = document.createElement('p');
  status.className = 'govuk-body-s';
  status.setAttribute('role', 'status');
  wrap.append(label, bar, status);
  form.after(wrap);
  return { wrap, bar, status };
}

function enhance(form) {
  if (form.dataset.uploadProgressReady) return;
  form.dataset.uploadProgressReady = 'yes';
  const ui = progressBlock(form);
  form.addEventListener('submit', (event) => {
    if (!window.FormData || !window.XMLHttpRequest) return;
    event.preventDefault();
    const button = form.querySelector('button');
    if (button) button.disabled = true;
    ui.wrap.hidden = false;
    ui.bar.value = 0;
    ui.status.textContent = 'Uploading: 0%';
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('x-upload-progress', '1');
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      const pct = Math.round((100 * e.loaded) / e.total);
      ui.bar.value = pct;
      ui.status.textContent = `Uploading: ${pct}%`;
    });
    xhr.upload.addEventListener('load', () => {
      // The server now reads, checks and imports the rows: no figure to show, so an indeterminate bar.
      ui.bar.removeAttribute('value');
      ui.status.textContent =
        'Uploaded. Checking and importing the rows: this can take a minute for large files.';
    });
    xhr.addEventListener('load', () => {
      const type = xhr.getResponseHeader('content-type') ?? '';
      if (xhr.status < 300 && type.includes('application/json')) {
        window.location.assign(JSON.parse(xhr.responseText).location);
        return;
      }
      // The page that lists what was wrong: show its main content in place.
      const doc = new DOMParser().parseFromString(xhr.responseText, 'text/html');
      const main = document.querySelector('main');
      const next = doc.querySelector('main');
      if (!main || !next) {
        document.open();
        document.write(xhr.responseText);
        document.close();
        return;
      }
      document.title = doc.title;
      main.innerHTML = next.innerHTML;
      initAll({ scope: main });
      start(main);
      window.scrollTo(0, 0);
    });
    xhr.addEventListener('error', () => {
      if (button) button.disabled = false;
      ui.bar.value = 0;
      ui.status.textContent = 'The upload failed: check the connection and try again.';
    });
    xhr.send(new FormData(form));
  });
}

function start(root) {
  root.querySelectorAll('form[data-module="app-upload-progress"]').forEach(enhance);
}

start(document);
