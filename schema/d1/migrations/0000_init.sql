CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text,
	`actor_id` text,
	`action` text NOT NULL,
	`target` text,
	`data` text,
	`request_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_tenant_time` ON `audit_log` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `dead_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`queue` text NOT NULL,
	`body` text NOT NULL,
	`attempts` integer NOT NULL,
	`created_at` integer NOT NULL,
	`replayed_at` integer
);
--> statement-breakpoint
CREATE INDEX `dead_letters_pending` ON `dead_letters` (`replayed_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `invites` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`token_hash` text NOT NULL,
	`invited_by` text NOT NULL,
	`expires_at` integer NOT NULL,
	`accepted_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invites_token_hash_unique` ON `invites` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invites_tenant` ON `invites` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `lead_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`type` text NOT NULL,
	`actor_id` text,
	`actor_name` text,
	`data` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lead_events_lead` ON `lead_events` (`tenant_id`,`lead_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `lead_tags` (
	`tenant_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`lead_id`, `tag`),
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lead_tags_tenant_tag` ON `lead_tags` (`tenant_id`,`tag`,`lead_id`);--> statement-breakpoint
CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`email` text,
	`address` text,
	`city` text,
	`postcode` text,
	`lat` real,
	`lng` real,
	`trade` text,
	`description` text,
	`source` text NOT NULL,
	`status` text NOT NULL,
	`score` integer NOT NULL,
	`score_factors` text NOT NULL,
	`hot` integer NOT NULL,
	`assignee_id` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`notes` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `leads_tenant_created` ON `leads` (`tenant_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `leads_tenant_status_created` ON `leads` (`tenant_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_tenant_source_created` ON `leads` (`tenant_id`,`source`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_tenant_score` ON `leads` (`tenant_id`,`score`,`id`);--> statement-breakpoint
CREATE INDEX `leads_tenant_hot_score` ON `leads` (`tenant_id`,`hot`,`score`);--> statement-breakpoint
CREATE INDEX `leads_tenant_assignee` ON `leads` (`tenant_id`,`assignee_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_tenant_name` ON `leads` (`tenant_id`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `leads_tenant_updated` ON `leads` (`tenant_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `leads_tenant_phone` ON `leads` (`tenant_id`,`phone`);--> statement-breakpoint
CREATE INDEX `leads_tenant_email` ON `leads` (`tenant_id`,`email`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`tenant_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `user_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `memberships_user` ON `memberships` (`user_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`subject` text,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`provider` text NOT NULL,
	`provider_message_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`idempotency_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idempotency` ON `outbox` (`tenant_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_tenant_time` ON `outbox` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `refresh_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`user_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refresh_sessions_token_hash_unique` ON `refresh_sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `refresh_sessions_family` ON `refresh_sessions` (`family_id`);--> statement-breakpoint
CREATE INDEX `refresh_sessions_expiry` ON `refresh_sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`time_zone` text DEFAULT 'UTC' NOT NULL,
	`country` text DEFAULT 'US' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_slug_unique` ON `tenants` (`slug`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`is_superadmin` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);