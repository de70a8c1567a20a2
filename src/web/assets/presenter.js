/*
 * Presenter portal: uploads a material with XMLHttpRequest so the presenter
 * sees its progress, then refreshes that presentation's versions from the
 * page itself. Without this script the form posts as a plain multipart form.
 */
(function () {
  'use strict';

  function fill(template, percent) {
    return template.replace('{percent}', String(percent));
  }

  function refreshVersions(presentationId) {
    var id = 'versions-' + presentationId;
    return fetch(window.location.pathname + window.location.search, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById(id);
        var current = document.getElementById(id);
        if (fresh && current) current.replaceWith(document.importNode(fresh, true));
      });
  }

  function enhance(form) {
    var input = form.querySelector('input[type=file]');
    var progress = form.querySelector('.upload-progress');
    var message = form.querySelector('.upload-message');
    var button = form.querySelector('button[type=submit]');
    var csrf = form.querySelector('input[name=_csrf]').value;
    var maxBytes = Number(form.dataset.maxBytes);

    function show(text, failed) {
      message.textContent = text;
      message.classList.toggle('failed', Boolean(failed));
    }

    form.addEventListener('submit', function (event) {
      if (!input.files || input.files.length === 0) return;
      event.preventDefault();
      var file = input.files[0];
      if (maxBytes && file.size > maxBytes) {
        show(form.dataset.msgTooLarge, true);
        input.focus();
        return;
      }
      var body = new FormData();
      body.append('file', file);
      var request = new XMLHttpRequest();
      request.open('POST', form.getAttribute('action').split('?')[0]);
      request.setRequestHeader('Accept', 'application/json');
      request.setRequestHeader('X-CSRF-Token', csrf);
      progress.hidden = false;
      progress.value = 0;
      button.disabled = true;
      show(fill(form.dataset.msgUploading, 0));
      request.upload.addEventListener('progress', function (e) {
        if (!e.lengthComputable) return;
        var percent = Math.min(99, Math.floor((e.loaded / e.total) * 100));
        progress.value = percent;
        show(fill(form.dataset.msgUploading, percent));
      });
      request.addEventListener('load', function () {
        button.disabled = false;
        var answer = null;
        try {
          answer = JSON.parse(request.responseText);
        } catch (ignored) {
          answer = null;
        }
        if (request.status === 201) {
          progress.value = 100;
          show(fill(form.dataset.msgDone, 100));
          input.value = '';
          refreshVersions(form.dataset.presentation);
          return;
        }
        progress.hidden = true;
        var text = answer && answer.message ? answer.message : form.dataset.msgFailed + ' (' + request.status + ')';
        if (answer && answer.detail) text += ' ' + answer.detail;
        show(text, true);
      });
      request.addEventListener('error', function () {
        button.disabled = false;
        progress.hidden = true;
        show(form.dataset.msgFailed, true);
      });
      request.send(body);
    });
  }

  document.querySelectorAll('form.upload-form').forEach(enhance);
})();
