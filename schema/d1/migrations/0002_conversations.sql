CREATE TABLE `ai_settings` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`engine` text DEFAULT 'auto' NOT NULL,
	`model` text NOT NULL,
	`instructions` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`pro_id` text NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`assigned_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`pro_id`) REFERENCES `pros`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `assignments_pro` ON `assignments` (`tenant_id`,`pro_id`,`status`);--> statement-breakpoint
CREATE INDEX `assignments_lead` ON `assignments` (`tenant_id`,`lead_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_one_active` ON `assignments` (`tenant_id`,`lead_id`) WHERE status = 'active';--> statement-breakpoint
CREATE TABLE `bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`pro_id` text NOT NULL,
	`lead_id` text,
	`conversation_id` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`time_zone` text NOT NULL,
	`status` text NOT NULL,
	`customer_name` text NOT NULL,
	`customer_phone` text,
	`trade` text,
	`summary` text,
	`address` text,
	`rescheduled_from` text,
	`reminded_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`pro_id`) REFERENCES `pros`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `bookings_tenant_time` ON `bookings` (`tenant_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `bookings_pro_time` ON `bookings` (`tenant_id`,`pro_id`,`starts_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_pro_slot` ON `bookings` (`pro_id`,`starts_at`) WHERE status = 'confirmed';--> statement-breakpoint
CREATE TABLE `channels` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`address` text NOT NULL,
	`display_number` text NOT NULL,
	`label` text NOT NULL,
	`template_name` text DEFAULT 'homeline_follow_up' NOT NULL,
	`template_language` text DEFAULT 'en_US' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channels_kind_address` ON `channels` (`kind`,`address`);--> statement-breakpoint
CREATE INDEX `channels_tenant` ON `channels` (`tenant_id`,`kind`);--> statement-breakpoint
CREATE TABLE `consent_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`address` text NOT NULL,
	`action` text NOT NULL,
	`keyword` text NOT NULL,
	`channel` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `consent_events_address` ON `consent_events` (`tenant_id`,`address`,`created_at`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`channel` text NOT NULL,
	`contact_address` text NOT NULL,
	`contact_phone` text,
	`contact_name` text,
	`lead_id` text,
	`booking_id` text,
	`stage` text NOT NULL,
	`mode` text DEFAULT 'ai' NOT NULL,
	`taken_over_by` text,
	`last_inbound_at` integer,
	`last_message_at` integer NOT NULL,
	`last_message_preview` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversations_contact` ON `conversations` (`tenant_id`,`channel_id`,`contact_address`);--> statement-breakpoint
CREATE INDEX `conversations_tenant_recent` ON `conversations` (`tenant_id`,`last_message_at`,`id`);--> statement-breakpoint
CREATE INDEX `conversations_tenant_lead` ON `conversations` (`tenant_id`,`lead_id`);--> statement-breakpoint
CREATE TABLE `inbound_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`provider` text NOT NULL,
	`content_type` text NOT NULL,
	`body` text NOT NULL,
	`received_at` integer NOT NULL,
	`processed_at` integer
);
--> statement-breakpoint
CREATE INDEX `inbound_events_tenant` ON `inbound_events` (`tenant_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `inbound_events_pending` ON `inbound_events` (`processed_at`,`received_at`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`direction` text NOT NULL,
	`author` text NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`payload` text,
	`media_key` text,
	`media_type` text,
	`provider_message_id` text,
	`outbox_id` text,
	`status` text NOT NULL,
	`status_at` integer,
	`error_code` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `messages_conversation` ON `messages` (`tenant_id`,`conversation_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_provider_id` ON `messages` (`tenant_id`,`provider_message_id`);--> statement-breakpoint
CREATE INDEX `messages_outbox` ON `messages` (`outbox_id`);--> statement-breakpoint
CREATE TABLE `pro_areas` (
	`tenant_id` text NOT NULL,
	`pro_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`pro_id`, `kind`, `value`),
	FOREIGN KEY (`pro_id`) REFERENCES `pros`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pro_areas_tenant` ON `pro_areas` (`tenant_id`,`kind`,`value`);--> statement-breakpoint
CREATE TABLE `pro_hours` (
	`tenant_id` text NOT NULL,
	`pro_id` text NOT NULL,
	`weekday` integer NOT NULL,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	PRIMARY KEY(`pro_id`, `weekday`, `start_minute`),
	FOREIGN KEY (`pro_id`) REFERENCES `pros`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pro_hours_tenant` ON `pro_hours` (`tenant_id`,`pro_id`);--> statement-breakpoint
CREATE TABLE `pro_overrides` (
	`tenant_id` text NOT NULL,
	`pro_id` text NOT NULL,
	`date` text NOT NULL,
	`start_minute` integer DEFAULT -1 NOT NULL,
	`end_minute` integer DEFAULT -1 NOT NULL,
	PRIMARY KEY(`pro_id`, `date`, `start_minute`),
	FOREIGN KEY (`pro_id`) REFERENCES `pros`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pro_overrides_tenant` ON `pro_overrides` (`tenant_id`,`pro_id`);--> statement-breakpoint
CREATE TABLE `pros` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`trades` text NOT NULL,
	`time_zone` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`job_cap` integer DEFAULT 3 NOT NULL,
	`base_lat` real,
	`base_lng` real,
	`radius_km` real,
	`slot_minutes` integer DEFAULT 60 NOT NULL,
	`buffer_minutes` integer DEFAULT 30 NOT NULL,
	`min_notice_minutes` integer DEFAULT 60 NOT NULL,
	`last_assigned_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pros_tenant` ON `pros` (`tenant_id`,`active`,`name`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `sender` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `payload` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `conversation_id` text;