CREATE TABLE `properties` (
	`id` integer PRIMARY KEY NOT NULL,
	`external_id` text NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`footprint` text NOT NULL,
	`year_built` integer,
	`roof_material` text,
	`value` integer,
	`owner_occupied` integer,
	`owner_name` text,
	`address` text NOT NULL,
	`postcode` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `properties_external_id_unique` ON `properties` (`external_id`);--> statement-breakpoint
CREATE INDEX `properties_postcode_idx` ON `properties` (`postcode`);