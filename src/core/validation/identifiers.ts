/**
 * Identifier checks with their published rules: GSTIN, PAN, IFSC, UAN (India), IBAN (ISO 13616), e-mail.
 * Each check takes the text as keyed (already trimmed and upper-cased by the caller where the rule is
 * case-insensitive) and returns null when it is valid, else a message that says what to fix.
 */

const BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * GSTIN check character: the GSTN "mod 36" algorithm. Each of the first 14 characters is read as a
 * base-36 value (0-9, A-Z = 10-35), multiplied by 1 and 2 alternately from the left, the product's
 * base-36 digits are added (quotient + remainder by 36), and the check is (36 - sum mod 36) mod 36.
 * gstinCheckChar("27AAPFU0939F1Z") === "V"
 */
export function gstinCheckChar(first14: string): string {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const v = BASE36.indexOf(first14[i]) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(v / 36) + (v % 36);
  }
  return BASE36[(36 - (sum % 36)) % 36];
}

/**
 * GST state codes (first two digits of a GSTIN): 01-38 for the states and union territories,
 * 97 for "Other Territory" and 99 for Centre Jurisdiction (CBIC list of state codes).
 */
const GST_STATE_CODES = new Set([...Array.from({ length: 38 }, (_, i) => String(i + 1).padStart(2, "0")), "97", "99"]);

/** PAN 4th character: the holder's status (Income Tax Department, "Know your PAN"). */
export const PAN_ENTITY_TYPES: Readonly<Record<string, string>> = {
  P: "individual",
  C: "company",
  H: "Hindu undivided family",
  F: "firm",
  A: "association of persons",
  T: "trust",
  B: "body of individuals",
  L: "local authority",
  J: "artificial juridical person",
  G: "government",
};

/**
 * PAN: five letters, four digits, one letter (AAAAA9999A); the 4th letter is the holder's status.
 * checkPan("AAAPL1234C") === null
 */
export function checkPan(s: string, entity?: string): string | null {
  if (s.length !== 10)
    return `should be 10 characters like ABCPE1234F (5 letters, 4 digits, 1 letter), got ${s.length}`;
  if (!/^[A-Z]{5}[0-9]{4}[A-Z]$/.test(s)) return `should look like ABCPE1234F (5 letters, 4 digits, 1 letter)`;
  const t = s[3];
  if (!PAN_ENTITY_TYPES[t])
    return `4th character '${t}' is not a PAN holder type (P individual, C company, H HUF, F firm, A AOP, T trust, B BOI, L local authority, J juridical person, G government)`;
  if (entity && !entity.includes(t))
    return `4th character '${t}' marks a ${PAN_ENTITY_TYPES[t]}; an employee's PAN has '${entity}' (${PAN_ENTITY_TYPES[entity[0]] ?? entity}) there`;
  return null;
}

/**
 * GSTIN: 2-digit state code, the holder's PAN, an entity digit (1-9 or A-Z), 'Z', and the check character.
 * checkGstin("27AAPFU0939F1ZV") === null
 */
export function checkGstin(s: string): string | null {
  if (s.length !== 15) return `should be 15 characters (state code, PAN, entity number, Z, check), got ${s.length}`;
  if (!/^[0-9A-Z]{15}$/.test(s)) return `may only contain digits and capital letters`;
  if (!/^\d\d$/.test(s.slice(0, 2)) || !GST_STATE_CODES.has(s.slice(0, 2)))
    return `starts with '${s.slice(0, 2)}', which is not a GST state code (01-38, 97 or 99)`;
  const pan = checkPan(s.slice(2, 12));
  if (pan) return `characters 3-12 should be the holder's PAN: ${pan}`;
  if (!/[1-9A-Z]/.test(s[12])) return `13th character (entity number) should be 1-9 or A-Z, got '${s[12]}'`;
  if (s[13] !== "Z") return `14th character should be 'Z', got '${s[13]}'`;
  const want = gstinCheckChar(s);
  if (s[14] !== want) return `check character should be '${want}', got '${s[14]}' — re-check the last character`;
  return null;
}

/** IFSC: 4 letters (bank), 0, 6 letters or digits (branch), as the RBI assigns them. */
export function checkIfsc(s: string): string | null {
  if (s.length !== 11)
    return `should be 11 characters like HDFC0001234 (4 letters, 0, 6 letters or digits), got ${s.length}`;
  if (!/^[A-Z]{4}/.test(s)) return `should start with the bank's 4 letters, like HDFC0001234`;
  if (s[4] !== "0") return `5th character should be 0 (zero), got '${s[4]}'`;
  if (!/^[A-Z0-9]{6}$/.test(s.slice(5))) return `last 6 characters (branch) should be letters or digits`;
  return null;
}

/** UAN (EPFO Universal Account Number): 12 digits. */
export function checkUan(s: string): string | null {
  if (!/^\d+$/.test(s)) return `should be 12 digits, digits only`;
  if (s.length !== 12) return `should be 12 digits, got ${s.length}`;
  return null;
}

/** IBAN length per country, from the SWIFT IBAN Registry (ISO 13616). */
// prettier-ignore
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22,
  GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30,
  KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20,
  MR: 27, MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22,
  RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26,
  UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/**
 * IBAN (ISO 13616): country code, 2 check digits, the national account number; valid when the
 * number with its first 4 characters moved to the end and letters as 10-35 is 1 mod 97.
 * Spaces (as printed in groups of four) are ignored. checkIban("GB82 WEST 1234 5698 7654 32") === null
 */
export function checkIban(raw: string): string | null {
  const s = raw.replace(/ /g, "");
  if (!/^[A-Z]{2}\d\d[A-Z0-9]+$/.test(s))
    return `should be a country code, 2 check digits and the account number, like GB82WEST12345698765432`;
  const want = IBAN_LENGTHS[s.slice(0, 2)];
  if (!want) return `'${s.slice(0, 2)}' is not a country that uses IBANs`;
  if (s.length !== want) return `a ${s.slice(0, 2)} IBAN has ${want} characters, got ${s.length}`;
  if (ibanMod97(s) !== 1) return `check digits do not match the account number — re-check every character`;
  return null;
}

/** The ISO 7064 mod-97-10 remainder of an IBAN, computed piecewise (no big integers). */
export function ibanMod97(iban: string): number {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let r = 0;
  for (const ch of moved) {
    const v = BASE36.indexOf(ch);
    r = v < 10 ? (r * 10 + v) % 97 : (r * 100 + v) % 97;
  }
  return r;
}

/**
 * E-mail address as people key them: one @, a local part without spaces, a domain with a dot
 * and a 2+ letter top-level domain (a practical subset of RFC 5321, not every legal address).
 */
export function checkEmail(s: string): string | null {
  if (s.length > 254) return `is too long for an e-mail address (at most 254 characters)`;
  const at = s.lastIndexOf("@");
  if (at < 1 || s.indexOf("@") !== at) return `should look like name@example.com (exactly one @)`;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (local.length > 64 || !/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(local) || /^\.|\.$|\.\./.test(local))
    return `the part before @ has a character an e-mail address cannot have`;
  if (!/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/.test(domain))
    return `'${domain}' is not a domain like example.com`;
  return null;
}
