/* Keeps a report's progress bar current by polling its status route until it is done or failed. */
(function () {
  'use strict';
  var box = document.querySelector('.report-progress[data-status-url]');
  if (!box) return;
  var bar = box.querySelector('progress');
  var text = document.getElementById('report-status');
  var files = document.getElementById('report-files');
  var url = box.getAttribute('data-status-url');
  var INTERVAL_MS = 1000;

  function show(state) {
    bar.value = state.progress;
    bar.textContent = state.progress + ' %';
    if (text.textContent !== state.text) text.textContent = state.text;
    if (state.status === 'completed') files.hidden = false;
    if (state.status === 'failed') text.className = 'notice notice-error';
  }

  function poll() {
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error('status ' + response.status);
        return response.json();
      })
      .then(function (state) {
        show(state);
        if (state.status !== 'completed' && state.status !== 'failed') setTimeout(poll, INTERVAL_MS);
      })
      .catch(function () {
        // A lost connection or an expired session: try again more slowly; a refresh shows the state too.
        setTimeout(poll, INTERVAL_MS * 5);
      });
  }

  if (files.hidden) poll();
})();
