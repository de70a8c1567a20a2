/*
 * "Select all on this page" without a reload: the link (which reloads the page
 * with every box ticked when no script runs) ticks or clears the boxes in place
 * and says which it will do next.
 */
(function () {
  'use strict';
  var link = document.querySelector('a[data-select-all]');
  if (!link) return;
  var boxes = document.querySelectorAll('input[type="checkbox"][form="bulk"][name="registrationId"]');
  var selectText = link.getAttribute('data-select-text');
  var clearText = link.getAttribute('data-clear-text');

  function allTicked() {
    for (var i = 0; i < boxes.length; i++) if (!boxes[i].checked) return false;
    return boxes.length > 0;
  }

  function label() {
    link.textContent = allTicked() ? clearText : selectText;
  }

  link.addEventListener('click', function (event) {
    event.preventDefault();
    var tick = !allTicked();
    for (var i = 0; i < boxes.length; i++) boxes[i].checked = tick;
    label();
  });
  for (var i = 0; i < boxes.length; i++) boxes[i].addEventListener('change', label);
  label();
})();
