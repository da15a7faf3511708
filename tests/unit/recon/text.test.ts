/**
 * wordTokens, the description words the tolerance, fuzzy and group passes compare: its character-code
 * scan of ASCII text gives what its definition gives (upper-case, split on anything but letters and
 * digits, then 3+ characters, no bank code or filler word, not all digits), which text that is not ASCII
 * goes through.
 */
import fc from "fast-check";
import { wordTokens } from "../../../src/core/recon/text";

/**
 * The same text through the definition: one character that is not ASCII, on its own at the end (a word
 * of one letter, dropped), sends any text there.
 */
const byDefinition = (text: string) => wordTokens(`${text} \u00e9`);

describe("wordTokens", () => {
  test("examples: case, separators, digits, bank codes and filler words", () => {
    expect(wordTokens("NEFT CR acme_Traders/INV-2231 payment to Beta Ltd 123456")).toEqual(["ACME", "TRADERS", "BETA"]);
    expect(byDefinition("NEFT CR acme_Traders/INV-2231 payment to Beta Ltd 123456")).toEqual([
      "ACME",
      "TRADERS",
      "BETA",
    ]);
  });

  test("text that is not ASCII is upper-cased first (ß is SS, ſ is S, ı is I)", () => {
    expect(wordTokens("straße ſun café ınb")).toEqual(["STRASSE", "SUN", "CAF"]);
  });

  test("any ASCII text: the definition's words", () => {
    const chars = fc.constantFrom(..."abcXYZ019 -_/.:;ABNEFTtoTHE12345ltdINVacnhr".split(""));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }), (cs) => {
        const text = cs.join("");
        expect(wordTokens(text)).toEqual(byDefinition(text));
      }),
      { numRuns: 3000 },
    );
  });
});
