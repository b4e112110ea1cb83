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

  const PADDING = 0.5; // fraction of the viewport drawn beyond each edge, so a drag does not reveal an empty margin

  window.CampoAgentLayer = L.Layer.extend({
    // options.styleOf(id) -> {fill, stroke, radius, weight} (return shared objects: they are also the group keys)
    // options.onClick(id), options.label(id) -> text, options.onDrawn(deviceTimes[]) after each draw
    // options.schedule(fn): how to wait for the next frame (rAF with a timer fallback for hidden tabs)
    initialize(options) {
      L.setOptions(this, options);
      this._points = new Map(); // id -> [lat, lon]
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
      map.on('moveend zoomend resize viewreset', this._reset, this);
      map.on('click', this._onClick, this);
      map.on('mousemove', this._onMouseMove, this);
      this._reset();
    },

    onRemove(map) {
      map.off('moveend zoomend resize viewreset', this._reset, this);
      map.off('click', this._onClick, this);
      map.off('mousemove', this._onMouseMove, this);
      map.closeTooltip(this._tooltip);
      L.DomUtil.remove(this._canvas);
    },

    /** Sets an agent's position; deviceTime (epoch ms) is handed to onDrawn once the position is on screen. */
    set(id, lat, lon, deviceTime) {
      const p = this._points.get(id);
      if (p) { p[0] = lat; p[1] = lon; } else { this._points.set(id, [lat, lon]); }
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

    redraw() {
      if (this._scheduled || !this._map) return;
      this._scheduled = true;
      this.options.schedule(() => { this._scheduled = false; this._draw(); });
    },

    _reset() {
      if (!this._map) return;
      const size = this._map.getSize();
      const ratio = window.devicePixelRatio || 1;
      const pad = size.multiplyBy(PADDING).round();
      this._origin = pad; // container point (-pad) is the canvas's (0, 0)
      const full = size.add(pad.multiplyBy(2));
      L.DomUtil.setPosition(this._canvas, this._map.containerPointToLayerPoint(pad.multiplyBy(-1)));
      this._canvas.width = full.x * ratio;
      this._canvas.height = full.y * ratio;
      this._canvas.style.width = full.x + 'px';
      this._canvas.style.height = full.y + 'px';
      this._ratio = ratio;
      this._draw();
    },

    _draw() {
      const map = this._map;
      if (!map) return;
      const ctx = this._ctx, ratio = this._ratio, origin = this._origin;
      const width = this._canvas.width / ratio, height = this._canvas.height / ratio;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, width, height);

      // Project once, group by style, cull what lies outside the padded canvas.
      const groups = new Map();
      const ids = [], xs = [], ys = [];
      let selectedStyle = null, selectedIndex = -1;
      for (const [id, p] of this._points) {
        const c = map.latLngToContainerPoint([p[0], p[1]]);
        const x = c.x + origin.x, y = c.y + origin.y;
        if (x < -20 || y < -20 || x > width + 20 || y > height + 20) continue;
        const style = this.options.styleOf(id);
        ids.push(id); xs.push(c.x); ys.push(c.y);
        if (style.front) { selectedStyle = style; selectedIndex = ids.length - 1; continue; }
        let g = groups.get(style);
        if (!g) { g = []; groups.set(style, g); }
        g.push(x, y);
      }
      for (const [style, coords] of groups) this._drawGroup(style, coords);
      if (selectedStyle) this._drawGroup(selectedStyle, [xs[selectedIndex] + origin.x, ys[selectedIndex] + origin.y]);
      this._drawn = { ids, xs, ys };

      if (this._pendingTimes.length) {
        const times = this._pendingTimes;
        this._pendingTimes = [];
        if (this.options.onDrawn) this.options.onDrawn(times);
      }
    },

    _drawGroup(style, coords) {
      const ctx = this._ctx, r = style.radius;
      ctx.beginPath();
      for (let i = 0; i < coords.length; i += 2) {
        ctx.moveTo(coords[i] + r, coords[i + 1]);
        ctx.arc(coords[i], coords[i + 1], r, 0, 2 * Math.PI);
      }
      ctx.globalAlpha = 0.9;
      ctx.fillStyle = style.fill;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.lineWidth = style.weight;
      ctx.strokeStyle = style.stroke;
      ctx.stroke();
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
