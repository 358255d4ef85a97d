ALTER TABLE `inbound_events` ADD `delivery_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_events_delivery` ON `inbound_events` (`tenant_id`,`channel_id`,`delivery_key`);