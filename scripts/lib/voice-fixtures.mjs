// The caller's recorded lines (tests/fixtures/voice, made by scripts/make-voice-fixtures.mjs).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./toolchain.mjs";

const DIR = join(ROOT, "tests", "fixtures", "voice");

/** Every fixture by file name: { file, text, durationMs, audio }. */
export function loadVoiceFixtures() {
  const manifest = JSON.parse(readFileSync(join(DIR, "manifest.json"), "utf8"));
  return Object.fromEntries(
    manifest.map((entry) => [entry.file, { ...entry, audio: new Uint8Array(readFileSync(join(DIR, entry.file))) }]),
  );
}

/** The booking call, line by line. */
export function bookingCallLines() {
  const fixtures = loadVoiceFixtures();
  return ["roof-leak.ulaw", "address.ulaw", "name.ulaw", "asap.ulaw", "first-slot.ulaw"].map((file) => fixtures[file]);
}
