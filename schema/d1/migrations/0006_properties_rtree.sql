-- Bounding-box index of the property catalog (a point per property: min = max). Writers insert
-- into properties and properties_rtree together (same id); queries take candidates from here
-- and test them exactly in the Worker.
CREATE VIRTUAL TABLE IF NOT EXISTS `properties_rtree` USING rtree(`id`, `min_lng`, `max_lng`, `min_lat`, `max_lat`);
