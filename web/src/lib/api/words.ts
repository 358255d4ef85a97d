import { ApiError, type FieldError } from "./problem";

/**
 * The one place where API problems become words a contractor uses. The API keeps its problems
 * machine-readable (field paths such as `hours.0`, zod's messages, query parameter names); a form
 * or page passes its own labels by API field name and gets sentences about its fields as it
 * labels them. A field without a label is named from its API name ("timeZone" → "Time zone"), so a
 * path or parameter name never reaches the screen.
 */
export type Labels = Readonly<Record<string, string>>;

type Rewrite = [RegExp, (label: string, match: RegExpMatchArray) => string];

const number = (text: string) => Number(text).toLocaleString("en-US");

/** zod's default messages (and the API's terse ones), said about the field. */
const REWRITES: Rewrite[] = [
  [/^Too big: expected number to be <=\s*(-?[\d.]+)/, (l, m) => `${l} must be ${number(m[1]!)} or less.`],
  [/^Too big: expected number to be <\s*(-?[\d.]+)/, (l, m) => `${l} must be less than ${number(m[1]!)}.`],
  [/^Too small: expected number to be >=\s*(-?[\d.]+)/, (l, m) => `${l} must be ${number(m[1]!)} or more.`],
  [/^Too small: expected number to be >\s*(-?[\d.]+)/, (l, m) => `${l} must be more than ${number(m[1]!)}.`],
  [/^Too small: expected string to have >=1 characters?/, (l) => `${l} is required.`],
  [/^Too small: expected string to have >=(\d+) characters/, (l, m) => `${l} needs at least ${m[1]} characters.`],
  [/^Too big: expected string to have <=(\d+) characters/, (l, m) => `${l} can be at most ${m[1]} characters long.`],
  [/^Too small: expected array to have >=1 items?/, (l) => `Choose at least one for ${lower(l)}.`],
  [/^Too small: expected array to have >=(\d+) items/, (l, m) => `Choose at least ${m[1]} for ${lower(l)}.`],
  [/^Too big: expected array to have <=(\d+) items/, (l, m) => `${l} can have at most ${m[1]} entries.`],
  [/^Invalid input: expected \w+, received (undefined|null)/, (l) => `${l} is required.`],
  [/^Invalid input: expected (number|int|integer)/, (l) => `${l} must be a whole number.`],
  [/^Invalid input: expected (boolean|string|array|object)/, (l) => `${l} is not filled in correctly.`],
  [/^Invalid (option|enum value)/, (l) => `Choose one of the options for ${lower(l)}.`],
  [/^Invalid email/, () => "Enter a valid email address, e.g. name@example.com."],
  [/^Invalid (ISO )?(date ?time|datetime|date)/i, (l) => `${l} is not a valid date and time.`],
  [/^Invalid (URL|url)/, (l) => `${l} must be a web address starting with https://.`],
  [/E\.164|phone number/i, () => "Enter a phone number with its country code, e.g. +1 512 555 0100."],
  [/^Invalid string: must match pattern/, (l) => `${l} is not in the expected format.`],
  [/^Unknown fields?:/, () => "This page sent something the server no longer accepts. Reload the page and try again."],
  [/^Invalid input$/, (l) => `Check ${lower(l)}.`],
];

/** "timeZone" → "Time zone"; the last resort for a field the form has no label for. */
export function humanize(name: string): string {
  const words = name
    .replace(/Id$/, "")
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function lower(label: string): string {
  // Keep acronyms and proper names ("ZIP code", "WhatsApp number") as they are.
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** The label of a field path: "hours.0.start" is labelled as `hours`. */
export function labelOf(field: string, labels: Labels = {}): string {
  const parts = field.split(/[.,]/);
  for (let i = parts.length; i > 0; i--) {
    const label = labels[parts.slice(0, i).join(".")];
    if (label) return label;
  }
  return humanize(parts.find((part) => !/^\d+$/.test(part)) ?? field);
}

/** Replaces API names left in a sentence ("scoreMin", "mode=skip-invalid") by words. */
function plain(text: string, labels: Labels): string {
  let out = text;
  for (const [name, label] of Object.entries(labels)) out = out.replace(new RegExp(`\\b${escapeRegExp(name)}\\b`, "g"), lower(label));
  out = out.replace(/\b(\w+)=([\w-]+)/g, (_, _name: string, value: string) => `“${value.replace(/-/g, " ")}”`);
  out = out.replace(/\b[a-z]+(?:[A-Z][a-z\d]*)+(?:\.\d+)*\b/g, (name) => lower(labelOf(name, labels)));
  // A sentence that now starts with a lowercased label starts with a capital again.
  return out.charAt(0).toUpperCase() + out.slice(1);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One API message about `field`, as a sentence that names the field by its label. */
export function fieldSentence(field: string, message: string, labels: Labels = {}): string {
  const label = labelOf(field, labels);
  for (const [pattern, say] of REWRITES) {
    const match = message.match(pattern);
    if (match) return say(label, match);
  }
  // Strip a leading "field:" the API may have added, then say the rest in the form's words.
  const rest = message.replace(new RegExp(`^${escapeRegExp(field)}:\\s*`), "");
  return plain(/[.!?]$/.test(rest) ? rest : `${rest}.`, labels);
}

/** The message to show next to one input, or undefined when the API has nothing to say about it. */
export function fieldMessage(err: unknown, field: string, labels: Labels = {}): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const found = err.fieldErrors.find((e) => e.field === field || e.field.startsWith(`${field}.`));
  return found ? fieldSentence(found.field, found.message, labels) : undefined;
}

/**
 * What to show for any failure: one field → its sentence ("Radius must be 90 or less."), several →
 * "3 fields need attention: Time zone, Job cap, Working hours.", none → the detail in plain words.
 */
export function errorMessage(err: unknown, labels: Labels = {}): string {
  if (err instanceof TypeError) return "Cannot reach Homeline. Check your connection and try again.";
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  const errors: FieldError[] = err.fieldErrors;
  if (!errors.length) return plain(err.detail || err.title, labels);
  const fields = [...new Set(errors.map((e) => labelOf(e.field, labels)))];
  if (fields.length > 1) return `${fields.length} fields need attention: ${fields.join(", ")}.`;
  const [first] = errors as [FieldError];
  const sentence = fieldSentence(first.field, first.message, labels);
  const label = fields[0]!;
  return sentence.toLowerCase().startsWith(label.toLowerCase()) ? sentence : `${label}: ${sentence}`;
}
