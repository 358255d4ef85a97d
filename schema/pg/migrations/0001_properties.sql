-- The property catalog on PostGIS. A property's point is `location`; its building outline `footprint`.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE IF NOT EXISTS properties (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  external_id text NOT NULL UNIQUE,
  location geometry(Point, 4326) NOT NULL,
  footprint geometry(Polygon, 4326) NOT NULL,
  year_built integer,
  roof_material text,
  value bigint,
  owner_occupied boolean,
  owner_name text,
  address text NOT NULL,
  postcode text
);

-- ST_Within / ST_Intersects use the geometry indexes; ST_DWithin on geography uses the last one.
CREATE INDEX IF NOT EXISTS properties_location_gist ON properties USING gist (location);
CREATE INDEX IF NOT EXISTS properties_footprint_gist ON properties USING gist (footprint);
CREATE INDEX IF NOT EXISTS properties_location_geog_gist ON properties USING gist ((location::geography));
