// Campo — the agents' layer of the dispatcher map.
//
// Why not one L.circleMarker per agent: at 10,000 agents reporting every second, each marker's setLatLng
// re-projects, fires events and asks its renderer to redraw a region; the page then spends most of its time in
// Leaflet bookkeeping (measured with `./campo bench live`). This layer keeps only id -> position, and draws every
// visible agent on one canvas in a single pass per animation frame, one canvas path per style, so the cost of a
// frame grows with the number of distinct styles, not with the number of marker objects. Clicks and hovers are
// answered by a nearest-point search over the projected positions of the last draw.
(function () {
  'use strict';

  // The canvas covers the viewport only: `./campo bench live` showed a Leaflet-style padded canvas (4x the pixels)
  // costing the page more main-thread time in painting than all of its own code. A drag redraws as it goes instead.

  // Source-over of two unpremultiplied RGBA pixels packed as ImageData's little-endian Uint32 (0xAABBGGRR).
  // Agents are stamped front to back, so this puts what is already in the buffer (`src`, nearer the viewer) over the
  // agent being stamped behind it (`dst`). No closures or allocations in here (`./campo bench live` measured the draw
  // dominating the page's main thread).
  function over(src, dst) {
    const da8 = dst >>> 24;
    if (da8 === 0) return src;
    const sa = (src >>> 24) / 255, da = da8 / 255;
    const oa = sa + da * (1 - sa);
    if (oa === 0) return 0;
    const ka = sa / oa, kb = da * (1 - sa) / oa;
    const r = Math.round((src & 255) * ka + (dst & 255) * kb);
    const g = Math.round(((src >>> 8) & 255) * ka + ((dst >>> 8) & 255) * kb);
    const b = Math.round(((src >>> 16) & 255) * ka + ((dst >>> 16) & 255) * kb);
    return ((Math.round(oa * 255) << 24) | (b << 16) | (g << 8) | r) >>> 0;
  }

  window.CampoAgentLayer = L.Layer.extend({
    // options.styleOf(id) -> {fill, stroke, radius, weight} (return shared objects: they are also the group keys)
    // options.onClick(id), options.label(id) -> text, options.onDrawn(deviceTimes[], drawMs, [projectMs, stampMs, putMs]) after each draw
    // options.schedule(fn): how to wait for the next frame (rAF with a timer fallback for hidden tabs)
    initialize(options) {
      L.setOptions(this, options);
      // id -> [lat, lon, layerX, layerY, projection]: the layer point is computed when the position changes or the
      // projection does (zoom, view reset), not at every draw; a draw then only adds the map pane's offset.
      this._points = new Map();
      this._projection = 0;
      this._pendingTimes = [];   // device times of positions set since the last draw
      this._scheduled = false;
      this._drawn = null;        // {ids, xs, ys} of the last draw, container coordinates, for hit tests
      this._hoverId = null;
      this._hoverQueued = null;
    },

    onAdd(map) {
      this._canvas = L.DomUtil.create('canvas', 'campo-agents leaflet-zoom-hide');
      this._canvas.style.pointerEvents = 'none';
      this._ctx = this._canvas.getContext('2d');
      this.getPane().appendChild(this._canvas);
      this._tooltip = L.tooltip({ direction: 'top', offset: [0, -8], opacity: 0.95 });
      map.on('zoomend viewreset', this._reproject, this);
      map.on('moveend zoomend resize viewreset', this._reset, this);
      map.on('move', this._onMove, this);
      map.on('click', this._onClick, this);
      map.on('mousemove', this._onMouseMove, this);
      this._reset();
    },

    onRemove(map) {
      map.off('zoomend viewreset', this._reproject, this);
      map.off('moveend zoomend resize viewreset', this._reset, this);
      map.off('move', this._onMove, this);
      map.off('click', this._onClick, this);
      map.off('mousemove', this._onMouseMove, this);
      map.closeTooltip(this._tooltip);
      L.DomUtil.remove(this._canvas);
    },

    /** Sets an agent's position; deviceTime (epoch ms) is handed to onDrawn once the position is on screen. */
    set(id, lat, lon, deviceTime) {
      const p = this._points.get(id);
      if (p) { p[0] = lat; p[1] = lon; p[4] = -1; } else { this._points.set(id, [lat, lon, 0, 0, -1]); }
      if (deviceTime != null) this._pendingTimes.push(deviceTime);
      this.redraw();
    },

    delete(id) {
      if (this._points.delete(id)) this.redraw();
    },

    has(id) {
      return this._points.has(id);
    },

    /** The position the layer holds for the agent: [lat, lon], or null. */
    position(id) {
      const p = this._points.get(id);
      return p ? [p[0], p[1]] : null;
    },

    /** The agent drawn nearest a container point, within `slack` pixels of its circle, or null. */
    agentAt(point, slack = 4) {
      const d = this._drawn;
      if (!d) return null;
      let best = null, bestDistance = Infinity;
      for (let i = 0; i < d.ids.length; i++) {
        const dx = d.xs[i] - point.x, dy = d.ys[i] - point.y;
        const distance = dx * dx + dy * dy;
        if (distance < bestDistance) { bestDistance = distance; best = i; }
      }
      if (best == null) return null;
      const style = this.options.styleOf(d.ids[best]);
      const reach = style.radius + style.weight + slack;
      return bestDistance <= reach * reach ? d.ids[best] : null;
    },

    _reproject() {
      this._projection++;
    },

    redraw() {
      this._dirty = true;
      if (this._scheduled || !this._map) return;
      this._scheduled = true;
      this.options.schedule(() => { this._scheduled = false; if (this._dirty) this._draw(); });
    },

    /** Draws now if anything changed: for a caller already inside an animation frame, a whole frame sooner. */
    drawIfChanged() {
      if (this._dirty && this._map) this._draw();
    },

    _reset() {
      if (!this._map) return;
      const size = this._map.getSize();
      const ratio = window.devicePixelRatio || 1;
      // Resizing a canvas reallocates its bitmap: only when the viewport's size really changed.
      if (!this._size || !this._size.equals(size) || this._ratio !== ratio) {
        this._canvas.width = size.x * ratio;
        this._canvas.height = size.y * ratio;
        this._canvas.style.width = size.x + 'px';
        this._canvas.style.height = size.y + 'px';
        this._size = size;
        this._ratio = ratio;
        this._image = this._ctx.createImageData(this._canvas.width, this._canvas.height);
        this._pixels = new Uint32Array(this._image.data.buffer);
        this._painted = null; // a resized canvas and a new buffer are both blank
      }
      L.DomUtil.setPosition(this._canvas, this._map.containerPointToLayerPoint([0, 0]));
      this._draw();
    },

    // While dragging, keep the canvas on the viewport and redraw at most once per frame.
    _onMove() {
      if (this._moveQueued) return;
      this._moveQueued = true;
      this.options.schedule(() => { this._moveQueued = false; this._reset(); });
    },

    _draw() {
      const map = this._map;
      if (!map) return;
      const started = performance.now();
      this._dirty = false;
      const width = this._size.x, height = this._size.y;
      this._clear(this._painted);

      // Project once, group by style, cull what lies outside the padded canvas.
      const groups = new Map();
      const ids = [], xs = [], ys = [];
      let selectedStyle = null, selectedIndex = -1;
      const pane = map.layerPointToContainerPoint([0, 0]), projection = this._projection;
      for (const [id, p] of this._points) {
        if (p[4] !== projection) {
          const l = map.latLngToLayerPoint([p[0], p[1]]);
          p[2] = l.x; p[3] = l.y; p[4] = projection;
        }
        const x = p[2] + pane.x, y = p[3] + pane.y;
        if (x < -20 || y < -20 || x > width + 20 || y > height + 20) continue;
        const style = this.options.styleOf(id);
        ids.push(id); xs.push(x); ys.push(y);
        if (style.front) { selectedStyle = style; selectedIndex = ids.length - 1; continue; }
        let g = groups.get(style);
        if (!g) { g = []; groups.set(style, g); }
        g.push(x, y);
      }
      const projected = performance.now();
      // Front to back: the selected agent, then the groups in reverse, each in reverse. Where the fleet is dense most
      // pixels are already opaque when an agent behind reaches them, and are skipped.
      if (selectedStyle) this._stamp(selectedStyle, [xs[selectedIndex], ys[selectedIndex]]);
      const layers = [...groups];
      for (let g = layers.length - 1; g >= 0; g--) this._stamp(layers[g][0], layers[g][1]);
      // Only the pixels that can have changed go to the canvas: what the last draw painted and what this one did.
      const stamped = performance.now();
      const painted = this._paintedArea(xs, ys), both = this._union(this._painted, painted);
      if (both) this._ctx.putImageData(this._image, 0, 0, both.x, both.y, both.w, both.h);
      this._painted = painted;
      this._drawn = { ids, xs, ys };

      const times = this._pendingTimes;
      this._pendingTimes = [];
      const ended = performance.now();
      if (this.options.onDrawn) this.options.onDrawn(times, ended - started, [projected - started, stamped - projected, ended - stamped]);
    },

    // The canvas pixels agents at these container points cover ({x, y, w, h}, clipped to the canvas), or null: with
    // the fleet in one part of the view, clearing and putting only that part is a fraction of the whole bitmap.
    _paintedArea(xs, ys) {
      if (!xs.length) return null;
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i], y = ys[i];
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
      // Wider than any sprite's half (radius + stroke of the largest look, plus the rounding pixel).
      const reach = 16, ratio = this._ratio, w = this._canvas.width, h = this._canvas.height;
      const x0 = Math.max(0, Math.floor((minX - reach) * ratio)), y0 = Math.max(0, Math.floor((minY - reach) * ratio));
      const x1 = Math.min(w, Math.ceil((maxX + reach) * ratio)), y1 = Math.min(h, Math.ceil((maxY + reach) * ratio));
      return x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : null;
    },

    _union(a, b) {
      if (!a) return b;
      if (!b) return a;
      const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
      return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
    },

    // Clears the pixel buffer where the last draw painted (everything else in it is still transparent).
    _clear(area) {
      if (!area) return;
      const pixels = this._pixels, width = this._canvas.width;
      for (let y = area.y; y < area.y + area.h; y++) pixels.fill(0, y * width + area.x, y * width + area.x + area.w);
    },

    // Each look is rendered once into a small sprite, read back as pixels; agents are then stamped into one pixel
    // buffer that is put on the canvas once per draw. Measured with ./campo bench live at 10,000 agents: canvas arcs
    // (fill and stroke) left the page's main thread busy most of the time rasterising, and one drawImage per agent
    // cost ~4 us each. Stamping goes front to back (coords in reverse): a pixel an agent in front already made opaque
    // is left alone, one still empty takes the sprite's pixel as it is, and only the rest blend.
    _stamp(style, coords) {
      const sprite = this._sprite(style);
      const pixels = this._pixels, width = this._canvas.width, height = this._canvas.height, ratio = this._ratio;
      const size = sprite.size, half = sprite.half, at = sprite.at, colour = sprite.colour, n = at.length;
      for (let i = coords.length - 2; i >= 0; i -= 2) {
        const x0 = Math.round(coords[i] * ratio) - half, y0 = Math.round(coords[i + 1] * ratio) - half;
        if (x0 < 0 || y0 < 0 || x0 + size > width || y0 + size > height) {
          this._stampClipped(sprite, x0, y0, width, height);
          continue;
        }
        const base = y0 * width + x0;
        for (let k = 0; k < n; k++) {
          const p = base + (at[k] >> 8) * width + (at[k] & 255), front = pixels[p];
          if (front === 0) pixels[p] = colour[k];
          else if (front < 0xff000000) pixels[p] = over(front, colour[k]);
        }
      }
    },

    // An agent at the canvas edge: the same stamp, pixel by pixel with bounds checks.
    _stampClipped(sprite, x0, y0, width, height) {
      const pixels = this._pixels;
      for (let k = 0; k < sprite.at.length; k++) {
        const x = x0 + (sprite.at[k] & 255), y = y0 + (sprite.at[k] >> 8);
        if (x < 0 || y < 0 || x >= width || y >= height) continue;
        const p = y * width + x, front = pixels[p];
        if (front === 0) pixels[p] = sprite.colour[k];
        else if (front < 0xff000000) pixels[p] = over(front, sprite.colour[k]);
      }
    },

    _sprite(style) {
      if (style.sprite && style.sprite.ratio === this._ratio) return style.sprite;
      const ratio = this._ratio, half = Math.ceil((style.radius + style.weight) * ratio) + 1, size = 2 * half;
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = size;
      const ctx = canvas.getContext('2d');
      ctx.beginPath();
      ctx.arc(half, half, style.radius * ratio, 0, 2 * Math.PI);
      ctx.fillStyle = style.fill;
      ctx.fill();
      ctx.lineWidth = style.weight * ratio;
      ctx.strokeStyle = style.stroke;
      ctx.stroke();
      const rgba = new Uint32Array(ctx.getImageData(0, 0, size, size).data.buffer);
      // The sprite's visible pixels as (row << 8 | column) and colour.
      const at = [], colours = [];
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const colour = rgba[y * size + x];
          if (colour >>> 24) { at.push((y << 8) | x); colours.push(colour); }
        }
      }
      style.sprite = { ratio, half, size, at: Int32Array.from(at), colour: Uint32Array.from(colours) };
      return style.sprite;
    },

    _onClick(e) {
      const id = this.agentAt(e.containerPoint);
      if (id != null && this.options.onClick) this.options.onClick(id);
    },

    // Hover: at most one nearest-point search per frame, however fast the mouse moves.
    _onMouseMove(e) {
      const queued = this._hoverQueued;
      this._hoverQueued = e.containerPoint;
      if (queued) return;
      this.options.schedule(() => {
        const point = this._hoverQueued;
        this._hoverQueued = null;
        if (!this._map || !point) return;
        const id = this.agentAt(point);
        this._map.getContainer().style.cursor = id != null ? 'pointer' : '';
        if (id === this._hoverId) return;
        this._hoverId = id;
        if (id == null) { this._map.closeTooltip(this._tooltip); return; }
        const p = this._points.get(id);
        this._tooltip.setLatLng([p[0], p[1]]).setContent(this.options.label(id));
        this._map.openTooltip(this._tooltip);
      });
    }
  });
})();
