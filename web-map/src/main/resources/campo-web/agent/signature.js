// The debtor's signature: drawn with a finger (pointer events) on a canvas, kept as a PNG. Transparent background and
// dark ink, so the office sees the strokes only; the server turns it into a white-backed preview.
window.AgentSignature = (function () {
  'use strict';
  let canvas = null;
  let drawn = false;
  let last = null;

  function attach(el) {
    canvas = el;
    const ctx = canvas.getContext('2d');
    const at = (e) => {
      const r = canvas.getBoundingClientRect();
      return { x: (e.clientX - r.left) * (canvas.width / r.width), y: (e.clientY - r.top) * (canvas.height / r.height) };
    };
    canvas.addEventListener('pointerdown', (e) => { canvas.setPointerCapture(e.pointerId); last = at(e); e.preventDefault(); });
    canvas.addEventListener('pointermove', (e) => {
      if (!last) return;
      const p = at(e);
      ctx.lineWidth = 3;
      ctx.lineCap = 'round';
      ctx.strokeStyle = '#1a202c';
      ctx.beginPath();
      ctx.moveTo(last.x, last.y);
      ctx.lineTo(p.x, p.y);
      ctx.stroke();
      last = p;
      drawn = true;
      e.preventDefault();
    });
    const end = () => { last = null; };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
  }

  function clear() {
    if (!canvas) return;
    canvas.getContext('2d').clearRect(0, 0, canvas.width, canvas.height);
    drawn = false;
  }

  // The PNG, or null when nothing was drawn (the signature is optional).
  function png() {
    if (!canvas || !drawn) return Promise.resolve(null);
    return new Promise((resolve) => canvas.toBlob((b) => resolve(b), 'image/png'));
  }

  return { attach, clear, png, isDrawn: () => drawn };
})();
