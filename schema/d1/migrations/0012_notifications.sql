CREATE TABLE `alert_settings` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`handoff_escalation_minutes` integer DEFAULT 10 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `conversation_waits` (
	`tenant_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`event_key` text NOT NULL,
	`since` integer NOT NULL,
	`opened_at` integer,
	`escalated_at` integer,
	PRIMARY KEY(`tenant_id`, `conversation_id`)
);
--> statement-breakpoint
CREATE INDEX `conversation_waits_due` ON `conversation_waits` (`opened_at`,`escalated_at`,`since`);--> statement-breakpoint
CREATE TABLE `notification_preferences` (
	`tenant_id` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`in_app` integer NOT NULL,
	`push` integer NOT NULL,
	`sms` integer NOT NULL,
	`email` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `user_id`, `kind`)
);
--> statement-breakpoint
CREATE TABLE `notification_settings` (
	`tenant_id` text NOT NULL,
	`user_id` text NOT NULL,
	`sms_phone` text,
	`quiet_start` text,
	`quiet_end` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`user_id` text NOT NULL,
	`event_key` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`link` text,
	`in_app` integer DEFAULT true NOT NULL,
	`pushed_at` integer,
	`read_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_event` ON `notifications` (`tenant_id`,`user_id`,`event_key`);--> statement-breakpoint
CREATE INDEX `notifications_inbox` ON `notifications` (`tenant_id`,`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_unread` ON `notifications` (`tenant_id`,`user_id`,`read_at`);--> statement-breakpoint
CREATE TABLE `push_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`user_id` text NOT NULL,
	`endpoint` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `push_subscriptions_endpoint` ON `push_subscriptions` (`tenant_id`,`endpoint`);--> statement-breakpoint
CREATE INDEX `push_subscriptions_user` ON `push_subscriptions` (`tenant_id`,`user_id`);