CREATE TABLE `quest_scores` (
	`tenant_id` text NOT NULL,
	`user_id` text NOT NULL,
	`points` integer NOT NULL,
	`streak` integer NOT NULL,
	`best_streak` integer NOT NULL,
	`version` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `user_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `quest_scores_tenant_points` ON `quest_scores` (`tenant_id`,`points`);--> statement-breakpoint
CREATE TABLE `stripe_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`received_at` integer NOT NULL,
	`processed_at` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `stripe_events_received` ON `stripe_events` (`received_at`);--> statement-breakpoint
CREATE TABLE `stripe_payments` (
	`payment_intent_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`session_id` text,
	`credits` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `stripe_payments_tenant` ON `stripe_payments` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `wallet_ledger` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`credits` integer NOT NULL,
	`channel` text,
	`quantity` integer,
	`reference` text,
	`actor_id` text,
	`hold_id` text,
	`balance_after` integer NOT NULL,
	`data` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `wallet_ledger_tenant_seq` ON `wallet_ledger` (`tenant_id`,`seq`);--> statement-breakpoint
CREATE INDEX `wallet_ledger_tenant_time` ON `wallet_ledger` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `wallet_prices` (
	`tenant_id` text NOT NULL,
	`unit` text NOT NULL,
	`credits` integer NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `unit`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `wallet_reconciliations` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`checked_at` integer NOT NULL,
	`upto_seq` integer NOT NULL,
	`wallet_balance` integer NOT NULL,
	`wallet_sum` integer NOT NULL,
	`wallet_entries` integer NOT NULL,
	`projected_sum` integer NOT NULL,
	`projected_entries` integer NOT NULL,
	`drift` integer NOT NULL,
	`status` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `wallet_reconciliations_status` ON `wallet_reconciliations` (`status`,`checked_at`);--> statement-breakpoint
CREATE TABLE `wallets` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`owner_user_id` text NOT NULL,
	`stripe_customer_id` text,
	`payment_method_id` text,
	`payment_method_label` text,
	`funded_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `billable` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `time_zone` text;