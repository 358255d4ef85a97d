// The area scanner's map: maplibre-gl with the offline style, terra-draw for polygons and
// rectangles, and the result circles. Loaded with a dynamic import, so only this page pays for it.
import {
  LngLatBounds,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type GeoJSONSource,
  type MapLayerMouseEvent,
} from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
// Bundled as our own asset: maplibre otherwise looks for its worker next to its own module URL.
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import { TerraDraw, TerraDrawPolygonMode, TerraDrawRectangleMode } from "terra-draw";
import { TerraDrawMapLibreGLAdapter } from "terra-draw-maplibre-gl-adapter";
import {
  AREA_SOURCE,
  AUSTIN,
  BASEMAP,
  basemapLayer,
  basemapSource,
  CATALOG_MIN_ZOOM,
  CATALOG_SOURCE,
  FIRST_DATA_LAYER,
  offlineStyle,
  RESULTS_LAYER,
  RESULTS_SOURCE,
} from "./map-style";
import { bandOf } from "./score-band";
import type { PolygonGeometry, Position, ScanResult } from "./types";

export type DrawMode = "polygon" | "rectangle" | "none";

export interface ScanMap {
  setDrawMode(mode: DrawMode): void;
  /** Removes the shape being drawn or drawn. */
  clearDrawing(): void;
  /** Outlines a scan's area (null hides it) and zooms to it. */
  showArea(polygon: PolygonGeometry | null): void;
  showResults(results: ScanResult[], selectedId: string | null): void;
  /** A raster tile URL template beneath everything, or none. */
  setBasemap(url: string | null): void;
  destroy(): void;
}

export interface ScanMapOptions {
  /** The catalog's building footprints in a view ("west,south,east,north"). */
  loadBuildings(bbox: string): Promise<GeoJSON.FeatureCollection>;
  /** A finished drawing (terra-draw closes the ring). */
  ondrawn(polygon: PolygonGeometry): void;
  onselect(propertyId: string): void;
  /** The zoom after each move, so the page can say when the view is too wide to draw in. */
  onzoom(zoom: number): void;
  /** Miles and feet on the scale bar (the workspace's country), or kilometres and metres. */
  imperial: boolean;
}

export async function createScanMap(container: HTMLElement, options: ScanMapOptions): Promise<ScanMap> {
  setWorkerUrl(workerUrl);
  const map = new MapLibreMap({ container, style: offlineStyle(), center: AUSTIN, zoom: 14, attributionControl: false });
  map.addControl(new NavigationControl({ showCompass: false }), "top-right");
  map.addControl(new ScaleControl({ unit: options.imperial ? "imperial" : "metric" }), "bottom-left");
  await map.once("load");

  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map }),
    modes: [new TerraDrawPolygonMode(), new TerraDrawRectangleMode()],
  });
  draw.start();
  draw.on("finish", (id) => {
    const feature = draw.getSnapshotFeature(id);
    if (feature?.geometry.type !== "Polygon") return;
    // One area at a time: a new drawing replaces the previous one.
    const others = draw
      .getSnapshot()
      .filter((f) => f.id !== id)
      .map((f) => f.id!);
    if (others.length) draw.removeFeatures(others);
    options.ondrawn({ type: "Polygon", coordinates: feature.geometry.coordinates as Position[][] });
  });

  map.on("click", RESULTS_LAYER, (event: MapLayerMouseEvent) => {
    const id = event.features?.[0]?.properties?.propertyId;
    if (typeof id === "string") options.onselect(id);
  });
  map.on("mouseenter", RESULTS_LAYER, () => (map.getCanvas().style.cursor = "pointer"));
  map.on("mouseleave", RESULTS_LAYER, () => (map.getCanvas().style.cursor = ""));

  const source = (name: string) => map.getSource(name) as GeoJSONSource;

  // Buildings for the view once it settles; a slower, older answer never replaces a newer one.
  let viewRequest = 0;
  const showBuildings = () => {
    if (map.getZoom() < CATALOG_MIN_ZOOM) return;
    const request = ++viewRequest;
    const b = map.getBounds();
    options
      .loadBuildings([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((n) => n.toFixed(5)).join(","))
      .then((buildings) => {
        if (request === viewRequest) source(CATALOG_SOURCE).setData(buildings);
      })
      .catch(() => undefined); // the map still works without them
  };
  map.on("moveend", showBuildings);
  map.on("zoomend", () => options.onzoom(map.getZoom()));
  showBuildings();

  return {
    setDrawMode(mode) {
      draw.setMode(mode === "none" ? "static" : mode);
    },
    clearDrawing() {
      draw.clear();
    },
    showArea(polygon) {
      source(AREA_SOURCE).setData({
        type: "FeatureCollection",
        features: polygon ? [{ type: "Feature", properties: {}, geometry: polygon }] : [],
      });
      if (!polygon) return;
      const bounds = new LngLatBounds();
      for (const position of polygon.coordinates[0] ?? []) bounds.extend(position);
      map.fitBounds(bounds, { padding: 40, duration: 0, maxZoom: 17 });
    },
    showResults(results, selectedId) {
      source(RESULTS_SOURCE).setData({
        type: "FeatureCollection",
        features: results.map((r) => ({
          type: "Feature",
          properties: { propertyId: r.propertyId, band: bandOf(r.score), selected: r.propertyId === selectedId },
          geometry: { type: "Point", coordinates: [r.lng, r.lat] },
        })),
      });
    },
    setBasemap(url) {
      if (map.getLayer(BASEMAP)) map.removeLayer(BASEMAP);
      if (map.getSource(BASEMAP)) map.removeSource(BASEMAP);
      if (!url) return;
      map.addSource(BASEMAP, basemapSource(url));
      map.addLayer(basemapLayer, FIRST_DATA_LAYER);
    },
    destroy() {
      draw.stop();
      map.remove();
    },
  };
}
