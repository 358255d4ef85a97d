/**
 * A changed text as the timeline shows it: both sides start where they begin to differ (at a
 * word), so two long descriptions that share their first 80 characters do not look identical.
 */
export function changedTexts(before: string, after: string, width = 80): [string, string] {
  if (before.length <= width && after.length <= width) return [before, after];
  let same = 0;
  while (same < before.length && same < after.length && before[same] === after[same]) same++;
  const cut = same > width / 4 ? before.lastIndexOf(" ", same - 1) + 1 : 0;
  const clip = (text: string) => {
    const rest = text.slice(cut);
    return `${cut ? "…" : ""}${rest.length > width ? `${rest.slice(0, width)}…` : rest}`;
  };
  return [clip(before), clip(after)];
}
