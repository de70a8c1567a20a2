/*
 * Fields that matter only when a box is ticked (the passport fields under "I need a visa
 * invitation letter") are shown only while it is: a box with data-reveals="<id>" shows or hides
 * that element. Without script the fields are simply shown under the box.
 */
(function () {
  'use strict';
  var boxes = document.querySelectorAll('input[type="checkbox"][data-reveals]');
  for (var i = 0; i < boxes.length; i++) watch(boxes[i]);

  function watch(box) {
    var target = document.getElementById(box.getAttribute('data-reveals'));
    if (!target) return;
    function sync() {
      target.hidden = !box.checked;
    }
    box.addEventListener('change', sync);
    sync();
  }
})();
