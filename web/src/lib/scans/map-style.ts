import type {
  ExpressionSpecification,
  GeoJSONSourceSpecification,
  RasterLayerSpecification,
  RasterSourceSpecification,
  StyleSpecification,
} from "maplibre-gl";
import { BANDS, FAILED_COLOR } from "./score-band";

export const AUSTIN: [number, number] = [-97.7431, 30.2672];
export const AREA_SOURCE = "scan-area";
export const RESULTS_SOURCE = "scan-results";
export const RESULTS_LAYER = "scan-results-circles";
export const BASEMAP = "basemap";
export const CATALOG_SOURCE = "catalog-buildings";
/** Below this zoom the view is too large to load buildings for (the API refuses views over 25 km²). */
export const CATALOG_MIN_ZOOM = 14;
/** The basemap goes beneath this layer (and everything above it). */
export const FIRST_DATA_LAYER = "scan-area-fill";

export const basemapSource = (url: string): RasterSourceSpecification => ({ type: "raster", tiles: [url], tileSize: 256, maxzoom: 19 });
export const basemapLayer: RasterLayerSpecification = { id: BASEMAP, type: "raster", source: BASEMAP };

const empty = (): GeoJSONSourceSpecification => ({ type: "geojson", data: { type: "FeatureCollection", features: [] } });
const [hot, warm, cold] = BANDS;
const bandColor: ExpressionSpecification = [
  "match",
  ["get", "band"],
  hot.band,
  hot.color,
  warm.band,
  warm.color,
  cold.band,
  cold.color,
  FAILED_COLOR,
];

/**
 * An inline style that needs no tile server, glyphs or sprites (so the map works offline):
 * a background, the scan area and the result circles. A basemap is added beneath when set.
 */
export function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      [CATALOG_SOURCE]: empty(),
      [AREA_SOURCE]: empty(),
      [RESULTS_SOURCE]: empty(),
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": "#eef1ec" } },
      // The catalog's buildings, faint, so the user sees where the roofs are before drawing.
      {
        id: "catalog-buildings-fill",
        type: "fill",
        source: CATALOG_SOURCE,
        minzoom: CATALOG_MIN_ZOOM,
        paint: { "fill-color": "#9aa3ae", "fill-opacity": 0.45 },
      },
      { id: FIRST_DATA_LAYER, type: "fill", source: AREA_SOURCE, paint: { "fill-color": "#1f4fd1", "fill-opacity": 0.08 } },
      { id: "scan-area-line", type: "line", source: AREA_SOURCE, paint: { "line-color": "#1f4fd1", "line-width": 2 } },
      {
        id: RESULTS_LAYER,
        type: "circle",
        source: RESULTS_SOURCE,
        paint: {
          "circle-color": bandColor,
          "circle-radius": ["interpolate", ["linear"], ["zoom"], 12, 3, 16, 7, 19, 12],
          "circle-stroke-color": ["case", ["boolean", ["get", "selected"], false], "#161a21", "#ffffff"],
          "circle-stroke-width": ["case", ["boolean", ["get", "selected"], false], 3, 1],
        },
      },
    ],
  };
}
