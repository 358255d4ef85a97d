import { crc32, deflateSync } from "node:zlib";
import { listen, reply } from "./http";

// Coordinates that trigger the APIs' other answers (tests use the same values):
// latitude below -80 → no imagery / no building; above 80 → a malformed answer.
const NOWHERE_LAT = -80;
const BROKEN_LAT = 80;

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGB PNG; `noisy` makes it as heavy as a real satellite tile, otherwise it is flat grey like Google's "no imagery". */
function png(size: number, noisy: boolean, seed: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (1 + size * 3), 0xdd);
  let state = seed >>> 0 || 1;
  for (let y = 0; y < size; y++) {
    raw[y * (1 + size * 3)] = 0;
    if (!noisy) continue;
    for (let i = 1; i <= size * 3; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      raw[y * (1 + size * 3) + i] = state & 0xff;
    }
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(raw)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

const googleError = (code: number, status: string, message: string) => ({ error: { code, message, status } });

/**
 * A contract fake of two Google Maps Platform APIs on loopback. Static Maps
 * (GET /maps/api/staticmap): key and parameters checked as Google does, a satellite PNG, the flat
 * "no imagery" tile, errors as text. Solar (GET /v1/buildingInsights:findClosest): building
 * insights derived from the point, NOT_FOUND, Google's JSON errors. Keys are "AIza…".
 */
export function startGoogleFake(port = 0) {
  return listen((req, _raw, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const q = url.searchParams;
    const keyOk = /^AIza[\w-]{10,}$/.test(q.get("key") ?? "");
    if (req.method === "GET" && url.pathname === "/maps/api/staticmap") {
      const text = (status: number, body: string) => reply(res, status, body, { "Content-Type": "text/plain; charset=UTF-8" });
      if (!keyOk) return text(403, "The Google Maps Platform server rejected your request. The provided API key is invalid.");
      const center = (q.get("center") ?? "").split(",").map(Number);
      if (center.length !== 2 || center.some((n) => !Number.isFinite(n)) || !q.get("zoom") || !/^\d+x\d+$/.test(q.get("size") ?? ""))
        return text(400, "The request is missing a valid center, zoom or size parameter.");
      const [lat, lng] = center as [number, number];
      if (lat > BROKEN_LAT) return reply(res, 200, "<html>maintenance</html>", { "Content-Type": "text/html" });
      const size = Math.min(640, Number(q.get("size")!.split("x")[0]));
      // A small noisy tile keeps the fake fast while weighing what a real one does.
      const image = lat < NOWHERE_LAT ? png(size, false, 0) : png(160, true, Math.round(lat * 1e6) ^ Math.round(lng * 1e6));
      res.writeHead(200, { "Content-Type": "image/png", "Content-Length": String(image.length) });
      return res.end(image);
    }
    if (req.method === "GET" && url.pathname === "/v1/buildingInsights:findClosest") {
      if (!keyOk)
        return reply(res, 400, {
          error: {
            ...googleError(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.").error,
            details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID", domain: "googleapis.com" }],
          },
        });
      const lat = Number(q.get("location.latitude"));
      const lng = Number(q.get("location.longitude"));
      if (!q.has("location.latitude") || !Number.isFinite(lat) || !Number.isFinite(lng))
        return reply(res, 400, googleError(400, "INVALID_ARGUMENT", "Invalid location."));
      if (q.has("requiredQuality") && !["HIGH", "MEDIUM", "BASE"].includes(q.get("requiredQuality")!))
        return reply(res, 400, googleError(400, "INVALID_ARGUMENT", "Invalid value at 'required_quality'."));
      if (lat < NOWHERE_LAT) return reply(res, 404, googleError(404, "NOT_FOUND", "Requested entity was not found."));
      if (lat > BROKEN_LAT) return reply(res, 200, { name: "buildings/broken", center: { latitude: lat, longitude: lng } });
      const pitch = 18 + (Math.abs(Math.round(lat * 1e5)) % 15);
      return reply(res, 200, {
        name: `buildings/ChIJ${Math.abs(Math.round(lat * 1e6))}`,
        center: { latitude: lat, longitude: lng },
        imageryDate: { year: 2022, month: 8, day: 14 },
        imageryProcessedDate: { year: 2023, month: 2, day: 1 },
        postalCode: "78701",
        administrativeArea: "TX",
        regionCode: "US",
        imageryQuality: "HIGH",
        solarPotential: {
          maxArrayPanelsCount: 40,
          wholeRoofStats: { areaMeters2: 212.4, sunshineQuantiles: [800, 1400, 1600], groundAreaMeters2: 190.1 },
          roofSegmentStats: [
            {
              pitchDegrees: pitch,
              azimuthDegrees: 178.5,
              stats: { areaMeters2: 106.2, sunshineQuantiles: [900, 1600], groundAreaMeters2: 95 },
              planeHeightAtCenterMeters: 6.1,
            },
            {
              pitchDegrees: pitch,
              azimuthDegrees: 358.5,
              stats: { areaMeters2: 106.2, sunshineQuantiles: [700, 1200], groundAreaMeters2: 95.1 },
              planeHeightAtCenterMeters: 6.1,
            },
          ],
        },
      });
    }
    reply(res, 404, googleError(404, "NOT_FOUND", "Unknown route"));
  }, port);
}
