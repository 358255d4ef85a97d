// node scripts/make-voice-fixtures.mjs — renders the caller's side of a scripted booking call as
// telephone audio: espeak-ng speaks each line, sox resamples it to raw μ-law 8 kHz mono (what
// Twilio Media Streams carries) into tests/fixtures/voice/, with manifest.json listing file, text
// and duration. The outputs are committed; only regenerating them needs espeak-ng and sox
// (Debian: apt-get install espeak-ng sox).
import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main, ROOT, run } from "./lib/toolchain.mjs";

const OUT = join(ROOT, "tests/fixtures/voice");
/** A full booking call, a backchannel and a cough (neither of which may interrupt the agent). */
const LINES = [
  { file: "roof-leak.ulaw", text: "Hi, my roof is leaking after the storm" },
  { file: "address.ulaw", text: "It's at 1200 Barton Springs Road, Austin 78704" },
  { file: "name.ulaw", text: "My name is Maria Lopez" },
  { file: "asap.ulaw", text: "As soon as possible please" },
  { file: "first-slot.ulaw", text: "The first one works" },
  { file: "mhm.ulaw", text: "mhm" },
];
const COUGH = { file: "cough.ulaw", text: null };
/** espeak's default wav is 22.05 kHz; trimming its leading/trailing silence keeps durations honest. */
const TO_TELEPHONE = ["-r", "8000", "-c", "1", "-e", "mu-law", "-b", "8", "-t", "raw"];
const FRAME_BYTES = 160;
const MULAW_SILENCE = 0xff;
const TRIM = ["silence", "1", "0.02", "0.5%", "reverse", "silence", "1", "0.02", "0.5%", "reverse"];

main(async () => {
  await mkdir(OUT, { recursive: true });
  const work = await mkdtemp(join(tmpdir(), "voice-fixtures-"));
  const manifest = [];
  try {
    for (const line of LINES) {
      const wav = join(work, `${line.file}.wav`);
      await run("espeak-ng", ["-v", "en-us", "-s", "165", "-w", wav, line.text]);
      await run("sox", [wav, ...TO_TELEPHONE, join(OUT, line.file), ...TRIM]);
      manifest.push({ file: line.file, text: line.text, durationMs: await padToFrames(join(OUT, line.file)) });
    }
    // A cough: a quarter second of shaped brown noise, loud enough to trip a naive energy gate.
    await run("sox", [
      "-n",
      ...TO_TELEPHONE,
      join(OUT, COUGH.file),
      "synth",
      "0.25",
      "brownnoise",
      "fade",
      "q",
      "0.02",
      "0.25",
      "0.12",
      "vol",
      "0.6",
    ]);
    manifest.push({ file: COUGH.file, text: COUGH.text, durationMs: await padToFrames(join(OUT, COUGH.file)) });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  await writeFile(join(OUT, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const total = (await Promise.all(manifest.map((m) => readFile(join(OUT, m.file))))).reduce((sum, b) => sum + b.length, 0);
  console.log(`${manifest.length} fixtures, ${Math.round(total / 1024)} KB in tests/fixtures/voice/`);
});

/** Whole 20 ms frames, as the simulator sends them: the last one is completed with silence. Returns the duration in ms. */
async function padToFrames(file) {
  const audio = await readFile(file);
  const padded = Buffer.alloc(Math.ceil(audio.length / FRAME_BYTES) * FRAME_BYTES, MULAW_SILENCE);
  audio.copy(padded);
  await writeFile(file, padded);
  return padded.length / 8;
}
