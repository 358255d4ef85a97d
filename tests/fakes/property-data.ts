import { listen, reply } from "./http";

const DAY_MS = 86_400_000;
// Addresses and places that trigger the APIs' other answers (tests use the same values).
const UNKNOWN_STREET = /^0 /; // no record / no match
const MALFORMED_STREET = /Malformed/;
const ABSENTEE_STREET = /Absentee/;
const DNC_STREET = /Dnc/;
/** Where the fake's hail fell: two storm days within the last 24 months, one older, some noise. */
const HAIL_POINT = { lng: -97.7, lat: 30.3 };
const BROKEN_LAT = 80;
const OUTAGE_LAT = -80;

function hailSignatures(now: number) {
  const at = (daysAgo: number, dLng: number, dLat: number, size: number, hour = 21) => {
    const day = new Date(now - daysAgo * DAY_MS).toISOString().slice(0, 10);
    return {
      ZTIME: `${day}T${String(hour).padStart(2, "0")}:14:05Z`,
      WSR_ID: "KEWX",
      CELL_ID: "Q4",
      PROB: "100",
      SEVPROB: "70",
      MAXSIZE: String(size),
      SHAPE: `POINT (${HAIL_POINT.lng + dLng} ${HAIL_POINT.lat + dLat})`,
    };
  };
  return [
    at(40, 0.001, 0, 1.75), // storm day 1: two radar scans of one storm
    at(40, 0.002, 0.001, 1.5, 22),
    at(200, -0.003, 0.004, 1.25), // storm day 2, ~550 m away
    at(210, 0, 0, 0.5), // pea-sized: not damaging
    at(300, 0.03, 0, 2), // 2.9 km east: outside 2 km
    at(900, 0, 0, 2.5), // older than 24 months
  ];
}

const day = (yyyymmdd: string) => Date.parse(`${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}T00:00:00Z`);

/**
 * Contract fakes of the property-data APIs on loopback: ATTOM's property expanded profile
 * (apikey header, address1/address2), BatchData's property skip trace (Bearer token,
 * requests[].propertyAddress) and NOAA SWDI's nx3hail JSON (no key; ≤ 31-day ranges, bbox).
 */
export function startPropertyDataFake(port = 0) {
  return listen((req, raw, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (req.method === "GET" && url.pathname === "/propertyapi/v1.0.0/property/expandedprofile") {
      if (!/^[0-9a-f]{32}$/.test(String(req.headers.apikey ?? "")))
        return reply(res, 401, { status: { version: "1.0.0", code: 401, msg: "Invalid API Key" } });
      const street = url.searchParams.get("address1") ?? "";
      if (!street || !url.searchParams.get("address2"))
        return reply(res, 400, { status: { version: "1.0.0", code: -1, msg: "address1 and address2 are required" } });
      if (UNKNOWN_STREET.test(street))
        return reply(res, 400, { status: { version: "1.0.0", code: 1, msg: "SuccessWithoutResult", total: 0 } });
      if (MALFORMED_STREET.test(street))
        return reply(res, 200, { status: { version: "1.0.0", code: 0, msg: "SuccessWithResult", total: 1 }, property: { oops: true } });
      return reply(res, 200, {
        status: { version: "1.0.0", code: 0, msg: "SuccessWithResult", total: 1 },
        property: [
          {
            identifier: { Id: 1, fips: "48453", apn: "0000000000", attomId: 1 },
            address: {
              line1: street.toUpperCase(),
              line2: url.searchParams.get("address2")!.toUpperCase(),
              oneLine: `${street}, ${url.searchParams.get("address2")}`.toUpperCase(),
            },
            summary: {
              absenteeInd: ABSENTEE_STREET.test(street) ? "ABSENTEE(MAIL AND/OR SITUS NOT=)" : "OWNER OCCUPIED",
              propclass: "Single Family Residence / Townhouse",
              yearbuilt: 1988,
            },
            building: { size: { livingsize: 2140 } },
            assessment: {
              assessed: { assdttlvalue: 412_000 },
              market: { mktttlvalue: 455_000 },
              owner: { owner1: { fullname: "PAT SAMPLE" } },
            },
          },
        ],
      });
    }
    if (req.method === "POST" && url.pathname === "/api/v1/property/skip-trace") {
      if (!/^Bearer [A-Za-z0-9]{20,}$/.test(req.headers.authorization ?? ""))
        return reply(res, 401, { status: { code: 401, text: "Unauthorized", message: "Invalid API token" } });
      let body: { requests?: { propertyAddress?: { street?: string; city?: string; state?: string; zip?: string } }[] };
      try {
        body = JSON.parse(raw);
      } catch {
        return reply(res, 400, { status: { code: 400, text: "Bad Request", message: "Body is not JSON" } });
      }
      const address = body.requests?.[0]?.propertyAddress;
      if (!address?.street || !address.state || !(address.city || address.zip))
        return reply(res, 400, {
          status: { code: 400, text: "Bad Request", message: "requests[].propertyAddress needs street, state and city or zip" },
        });
      if (MALFORMED_STREET.test(address.street)) return reply(res, 200, { status: { code: 200, text: "OK" }, results: {} });
      const matched = !UNKNOWN_STREET.test(address.street);
      const phones = [
        ...(DNC_STREET.test(address.street) ? [{ number: "5125550199", type: "Mobile", reachable: true, dnc: true }] : []),
        { number: "5125550142", type: "Mobile", carrier: "Fake Wireless", reachable: true, dnc: false, score: 95 },
      ];
      return reply(res, 200, {
        status: { code: 200, text: "OK" },
        results: {
          persons: matched
            ? [
                {
                  name: { first: "Pat", last: "Sample", full: "Pat Sample" },
                  propertyAddress: address,
                  phoneNumbers: phones,
                  emails: [{ email: "pat.sample@example.com", tested: true }],
                },
              ]
            : [],
          meta: { results: { requestCount: 1, matchCount: matched ? 1 : 0, noMatchCount: matched ? 0 : 1, errorCount: 0 } },
        },
      });
    }
    const swdi = url.pathname.match(/^\/swdiws\/json\/nx3hail\/(\d{8}):(\d{8})$/);
    if (req.method === "GET" && swdi) {
      const [start, end] = [day(swdi[1]!), day(swdi[2]!) + DAY_MS];
      const bbox = (url.searchParams.get("bbox") ?? "").split(",").map(Number);
      if (!(end > start) || end - start > 31 * DAY_MS)
        return reply(res, 400, "Date range must be 31 days or less", { "Content-Type": "text/plain" });
      if (bbox.length !== 4 || bbox.some((n) => !Number.isFinite(n)))
        return reply(res, 400, "bbox must be minLon,minLat,maxLon,maxLat", { "Content-Type": "text/plain" });
      const [minLng, minLat, maxLng, maxLat] = bbox as [number, number, number, number];
      if (minLat < OUTAGE_LAT) return reply(res, 503, "Service Unavailable", { "Content-Type": "text/html" });
      if (maxLat > BROKEN_LAT) return reply(res, 200, { error: "query failed" });
      const result = hailSignatures(Date.now()).filter((h) => {
        const [lng, lat] = h.SHAPE.slice(7, -1).split(" ").map(Number) as [number, number];
        const time = Date.parse(h.ZTIME);
        return time >= start && time < end && lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat;
      });
      return reply(res, 200, { result, summary: { count: result.length } });
    }
    reply(res, 404, { error: "Unknown route" });
  }, port);
}
