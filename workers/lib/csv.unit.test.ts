import { describe, expect, it } from "vitest";
import { CsvError, csvLine, parseCsv, undefuseCell } from "./csv";

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

  it("defuses every cell OWASP lists (=, +, -, @, tab, CR) with an apostrophe inside quotes; our numbers stay numbers", () => {
    const line = csvLine([
      "=1+1",
      "+15125550100",
      "-2+3+cmd|' /C calc'!A0",
      "@SUM(A1)",
      "\tx",
      "\rx",
      'a "q", b',
      null,
      -42,
      true,
      "plain",
    ]);
    expect(line).toBe(`"'=1+1","'+15125550100","'-2+3+cmd|' /C calc'!A0","'@SUM(A1)","'\tx","'\rx","a ""q"", b",,-42,true,plain\r\n`);
    expect(parseCsv(line)[0]).toEqual([
      "'=1+1",
      "'+15125550100",
      "'-2+3+cmd|' /C calc'!A0",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      'a "q", b',
      "",
      "-42",
      "true",
      "plain",
    ]);
  });

  it("reads its own defused cells back as they were, and leaves other apostrophes alone", () => {
    expect(undefuseCell("'+15125550100")).toBe("+15125550100");
    expect(undefuseCell("'-2+3")).toBe("-2+3");
    expect(undefuseCell("'tis the season")).toBe("'tis the season");
    expect(undefuseCell("O'Brien")).toBe("O'Brien");
  });
});
