CREATE TABLE `calls` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`call_sid` text NOT NULL,
	`channel_id` text NOT NULL,
	`from_number` text NOT NULL,
	`to_number` text NOT NULL,
	`status` text NOT NULL,
	`outcome` text,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`duration_seconds` integer,
	`billed_minutes` integer,
	`hold_id` text,
	`lead_id` text,
	`state_json` text,
	`history_json` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calls_call_sid` ON `calls` (`call_sid`);--> statement-breakpoint
CREATE INDEX `calls_tenant_recent` ON `calls` (`tenant_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `calls_active` ON `calls` (`status`,`started_at`);--> statement-breakpoint
CREATE TABLE `voice_settings` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`forward_number` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
