import { describe, expect, it } from "vitest";
import { CsvError, csvLine, parseCsv } from "./csv";

describe("unit: CSV", () => {
  it("parses quotes, doubled quotes, embedded commas and newlines, CRLF and a BOM", () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n"multi\nline",\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["multi\nline", ""],
    ]);
  });

  it("skips blank lines and refuses an unterminated quote", () => {
    expect(parseCsv("a\n\n\nb")).toEqual([["a"], ["b"]]);
    expect(() => parseCsv('a\n"open')).toThrow(CsvError);
  });

  it("writes lines that round-trip and defuse spreadsheet formulas but keep phone numbers", () => {
    const line = csvLine(["=1+1", "+15125550100", "-x", "@SUM(A1)", 'a "q", b', null, 42, true]);
    expect(line).toBe(`'=1+1,+15125550100,'-x,'@SUM(A1),"a ""q"", b",,42,true\r\n`);
    expect(parseCsv(line)[0]).toEqual(["'=1+1", "+15125550100", "'-x", "'@SUM(A1)", 'a "q", b', "", "42", "true"]);
  });
});
