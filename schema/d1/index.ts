// Every D1 table, one file per capability. drizzle-kit reads the same files (drizzle.config.ts).
export * from "./tables";
export * from "./conversations";
export * from "./wallet";
export * from "./voice";
export * from "./scans";
export * from "./notifications";
