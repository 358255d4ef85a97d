CREATE TABLE `call_transcript` (
	`tenant_id` text NOT NULL,
	`call_id` text NOT NULL,
	`seq` integer NOT NULL,
	`speaker` text NOT NULL,
	`text` text NOT NULL,
	`start_ms` integer NOT NULL,
	`end_ms` integer,
	`interrupted` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`call_id`, `seq`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `call_transcript_tenant` ON `call_transcript` (`tenant_id`,`call_id`);--> statement-breakpoint
CREATE TABLE `call_turn_latency` (
	`tenant_id` text NOT NULL,
	`call_id` text NOT NULL,
	`turn` integer NOT NULL,
	`stt_final_ms` integer,
	`llm_first_token_ms` integer,
	`tts_first_byte_ms` integer,
	`first_frame_ms` integer,
	`overhead_ms` integer,
	`speculative` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`call_id`, `turn`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `call_turn_latency_tenant` ON `call_turn_latency` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `scan_results` (
	`tenant_id` text NOT NULL,
	`scan_id` text NOT NULL,
	`property_id` text NOT NULL,
	`status` text NOT NULL,
	`score` integer,
	`factors_json` text,
	`roof_json` text,
	`enrichment_json` text,
	`image_key` text,
	`lead_id` text,
	`error` text,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`address` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`scan_id`, `property_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`scan_id`) REFERENCES `scans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scan_results_tenant_scan_score` ON `scan_results` (`tenant_id`,`scan_id`,`score`);--> statement-breakpoint
CREATE TABLE `scans` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_by` text,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`polygon` text NOT NULL,
	`area_km2` real NOT NULL,
	`property_count` integer NOT NULL,
	`processed_count` integer DEFAULT 0 NOT NULL,
	`failed_count` integer DEFAULT 0 NOT NULL,
	`hot_count` integer DEFAULT 0 NOT NULL,
	`leads_created` integer DEFAULT 0 NOT NULL,
	`leads_matched` integer DEFAULT 0 NOT NULL,
	`credits_held` integer NOT NULL,
	`credits_charged` integer,
	`hold_id` text,
	`workflow_id` text,
	`error` text,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`completed_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `scans_tenant_recent` ON `scans` (`tenant_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `calls` ADD `mode` text DEFAULT 'gather' NOT NULL;--> statement-breakpoint
ALTER TABLE `calls` ADD `recording_key` text;--> statement-breakpoint
ALTER TABLE `calls` ADD `recording_seconds` real;--> statement-breakpoint
ALTER TABLE `calls` ADD `summary` text;--> statement-breakpoint
ALTER TABLE `calls` ADD `qualification_score` integer;--> statement-breakpoint
ALTER TABLE `calls` ADD `cost_credits` integer;--> statement-breakpoint
ALTER TABLE `calls` ADD `end_reason` text;--> statement-breakpoint
ALTER TABLE `calls` ADD `inbound_frames` integer;--> statement-breakpoint
ALTER TABLE `calls` ADD `outbound_frames` integer;--> statement-breakpoint
ALTER TABLE `voice_settings` ADD `voice_mode` text DEFAULT 'auto' NOT NULL;