// Scans a check-in QR code with the camera where the browser has BarcodeDetector;
// without it the desk works as before with a USB scanner or typing.
(function () {
  'use strict';
  var button = document.getElementById('scan-camera');
  var video = document.getElementById('camera-preview');
  var form = document.getElementById('desk-form');
  var input = document.getElementById('f-code');
  if (!button || !video || !form || !input) return;
  if (!('BarcodeDetector' in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;

  button.hidden = false;
  button.addEventListener('click', function () {
    var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        button.disabled = true;
        return video.play().then(function () {
          scan(detector, stream);
        });
      })
      .catch(function () {
        button.hidden = true;
        input.focus();
      });
  });

  function scan(detector, stream) {
    detector
      .detect(video)
      .then(function (codes) {
        if (codes.length > 0) {
          stream.getTracks().forEach(function (track) {
            track.stop();
          });
          input.value = codes[0].rawValue;
          form.submit();
          return;
        }
        window.requestAnimationFrame(function () {
          scan(detector, stream);
        });
      })
      .catch(function () {
        window.requestAnimationFrame(function () {
          scan(detector, stream);
        });
      });
  }
})();
