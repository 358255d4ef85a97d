/** A city name as the gazetteer files it: lower case, letters and single spaces, "St." as "saint". (No imports: the table generator runs it in Node.) */
export const cityKey = (name: string) =>
  name
    .toLowerCase()
    .replace(/^st\.? /, "saint ")
    .replace(/[^a-z ]/g, "")
    .replace(/\s+/g, " ")
    .trim();
