import { inject } from "vitest";
import { stereoWav } from "../workers/voice/audio/wav";
import { voiceFixture } from "./voice-fixtures";

const deepgramHttp = () => inject("deepgramUrl").replace(/^ws:/, "http:");

/** What the Deepgram fake transcribes requests tagged `tag` to. */
export const scriptTranscript = (tag: string, words: string) =>
  fetch(`${deepgramHttp()}/__script`, { method: "POST", body: JSON.stringify({ tag, utterances: [words] }) });

/** The pre-recorded requests the Deepgram fake received for `tag`. */
export const receivedRecordings = async (tag: string) =>
  ((await (await fetch(`${deepgramHttp()}/__received?tag=${encodeURIComponent(tag)}`)).json()) as { recordings: any[] }).recordings;

/** A voice note's bytes as WhatsApp delivers them (an Ogg container). */
export const oggVoiceNote = () => new TextEncoder().encode("OggS\0\u0002voice-note-opus-pages");

/** A spoken line as Twilio serves a recording: a PCM WAV (mono speech on the left channel here). */
export const wavRecording = () => stereoWav(voiceFixture("roof-leak.ulaw").audio, new Uint8Array(0));

/** Puts a file on the Twilio fake at `path` (an MMS media URL or a recording URL). */
export async function twilioFile(path: string, contentType: string, bytes: Uint8Array): Promise<string> {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  await fetch(`${inject("twilioUrl")}/__media`, { method: "POST", body: JSON.stringify({ path, contentType, base64: btoa(binary) }) });
  return `${inject("twilioUrl")}${path}`;
}

/** Scripts Claude's answers for the workspace named `company` (the Anthropic fake keys by it). */
export const scriptClaude = (company: string, replies: unknown[]) =>
  fetch(`${inject("anthropicUrl")}/__script`, { method: "POST", body: JSON.stringify({ key: company, replies }) });

export const claudeRequests = async (company: string) =>
  (await (await fetch(`${inject("anthropicUrl")}/__requests?key=${encodeURIComponent(company)}`)).json()) as any[];
