ALTER TABLE `calls` ADD `voicemail_key` text;--> statement-breakpoint
ALTER TABLE `calls` ADD `voicemail_seconds` real;--> statement-breakpoint
ALTER TABLE `calls` ADD `voicemail_transcript` text;--> statement-breakpoint
ALTER TABLE `calls` ADD `text_back_at` integer;--> statement-breakpoint
ALTER TABLE `calls` ADD `text_back_conversation_id` text;--> statement-breakpoint
ALTER TABLE `voice_settings` ADD `recording_disclosure` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `voice_settings` ADD `disclosure_text` text;