-- Full-text search over leads (FTS5, external content). Triggers keep it in step with the
-- leads table, so no write path can forget to index. `phone_digits` lets "5125550100" match
-- "+1 512-555-0100".
CREATE VIRTUAL TABLE `leads_fts` USING fts5(
  name, email, phone_digits, address, city, postcode, trade, description, notes,
  content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `leads_fts_insert` AFTER INSERT ON `leads` BEGIN
  INSERT INTO leads_fts(rowid, name, email, phone_digits, address, city, postcode, trade, description, notes)
  VALUES (new.rowid, new.name, new.email, replace(replace(coalesce(new.phone, ''), '+', ''), ' ', ''), new.address, new.city, new.postcode, new.trade, new.description, new.notes);
END;
--> statement-breakpoint
CREATE TRIGGER `leads_fts_delete` AFTER DELETE ON `leads` BEGIN
  DELETE FROM leads_fts WHERE rowid = old.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_fts_update` AFTER UPDATE OF name, email, phone, address, city, postcode, trade, description, notes ON `leads` BEGIN
  DELETE FROM leads_fts WHERE rowid = old.rowid;
  INSERT INTO leads_fts(rowid, name, email, phone_digits, address, city, postcode, trade, description, notes)
  VALUES (new.rowid, new.name, new.email, replace(replace(coalesce(new.phone, ''), '+', ''), ' ', ''), new.address, new.city, new.postcode, new.trade, new.description, new.notes);
END;
