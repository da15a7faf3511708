import {
  checkEmail,
  checkGstin,
  checkIban,
  checkIfsc,
  checkPan,
  checkUan,
  gstinCheckChar,
  ibanMod97,
} from "../../../src/core/validation/identifiers";

/**
 * Real GSTINs, as published: each check character below comes from the registration itself, not from
 * our algorithm, so these tests would fail if the algorithm were wrong (a wrong algorithm agrees by
 * chance with probability 1/36 per GSTIN).
 */
const PUBLISHED_GSTINS = [
  "27AAPFU0939F1ZV", // the sample GSTIN of GSTN's own API / e-invoice documentation (Maharashtra)
  "29AAGCB7383J1Z4", // seller GSTIN of the NIC e-invoice sandbox examples (Karnataka)
  "27AAACR5055K1Z7", // Reliance Industries Ltd, Maharashtra (printed on its tax invoices)
  "29AAICA3918J1ZE", // Amazon Seller Services Pvt Ltd, Karnataka (printed on Amazon.in invoices)
  "27AAACT2727Q1ZW", // Tata Consultancy Services Ltd, Maharashtra
];

describe("GSTIN", () => {
  it.each(PUBLISHED_GSTINS)("accepts the published GSTIN %s", (g) => {
    expect(checkGstin(g)).toBeNull();
    expect(gstinCheckChar(g.slice(0, 14))).toBe(g[14]);
  });

  it.each(PUBLISHED_GSTINS)("names the right check character when the last one of %s is mistyped", (g) => {
    const wrong = g.slice(0, 14) + (g[14] === "Z" ? "Y" : "Z");
    expect(checkGstin(wrong)).toBe(
      `check character should be '${g[14]}', got '${wrong[14]}' — re-check the last character`,
    );
  });

  it("catches a transposition inside the PAN part", () => {
    // 27AAPFU0939F1ZV with 0939 keyed as 0993: still well-formed, only the check character can tell.
    expect(checkGstin("27AAPFU0993F1ZV")).toMatch(/check character should be/);
  });

  it("explains structural mistakes", () => {
    expect(checkGstin("27AAPFU0939F1Z")).toMatch(/15 characters.*got 14/);
    expect(checkGstin("45AAPFU0939F1ZV")).toMatch(/'45', which is not a GST state code/);
    expect(checkGstin("27AAPFU0939F1AV")).toMatch(/14th character should be 'Z'/);
    expect(checkGstin("27AAPXU0939F1ZV")).toMatch(/PAN: 4th character 'X'/);
    expect(checkGstin("27AAPFU0939F0ZV")).toMatch(/13th character/);
    expect(checkGstin("27aapfu0939f1zv")).toMatch(/capital letters/);
  });
});

describe("PAN", () => {
  it("accepts AAAAA9999A with a holder type in the 4th place", () => {
    // PANs embedded in the published GSTINs above (characters 3-12 of a GSTIN are the PAN).
    expect(checkPan("AAPFU0939F")).toBeNull(); // F = firm
    expect(checkPan("AAACR5055K")).toBeNull(); // C = company
    expect(checkPan("ABCPE1234F")).toBeNull(); // P = individual (Income Tax Department's format example)
  });
  it("rejects other shapes and unknown holder types", () => {
    expect(checkPan("ABCDE1234F")).toMatch(/4th character 'D' is not a PAN holder type/);
    expect(checkPan("ABCP1234F")).toMatch(/10 characters/);
    expect(checkPan("ABCPE12345")).toMatch(/5 letters, 4 digits, 1 letter/);
  });
  it("requires an individual's PAN where the schema says so", () => {
    expect(checkPan("AAACR5055K", "P")).toMatch(/marks a company; an employee's PAN has 'P'/);
    expect(checkPan("ABCPE1234F", "P")).toBeNull();
  });
});

describe("IFSC", () => {
  it("accepts 4 letters, 0, 6 alphanumerics", () => {
    expect(checkIfsc("SBIN0000300")).toBeNull(); // State Bank of India, Mumbai main branch (RBI IFSC list)
    expect(checkIfsc("HDFC0000001")).toBeNull(); // HDFC Bank, Kamala Mills Mumbai (RBI IFSC list)
    expect(checkIfsc("UTIB0SBPC01")).toBeNull(); // alphanumeric branch code
  });
  it("rejects the usual slips", () => {
    expect(checkIfsc("SBIN1000300")).toMatch(/5th character should be 0/);
    expect(checkIfsc("SBIN000300")).toMatch(/11 characters/);
    expect(checkIfsc("SB1N0000300")).toMatch(/bank's 4 letters/);
    expect(checkIfsc("SBINO000300")).toMatch(/5th character should be 0 \(zero\), got 'O'/);
  });
});

describe("UAN", () => {
  it("is 12 digits", () => {
    expect(checkUan("100123456789")).toBeNull();
    expect(checkUan("10012345678")).toMatch(/12 digits, got 11/);
    expect(checkUan("1001234567AB")).toMatch(/digits only/);
  });
});

describe("IBAN (ISO 13616 mod 97)", () => {
  // Examples from the SWIFT IBAN Registry / ECBS (each country's published example IBAN).
  const valid = [
    "GB82WEST12345698765432",
    "GB29NWBK60161331926819",
    "DE89370400440532013000",
    "FR1420041010050500013M02606",
    "NL91ABNA0417164300",
    "BE68539007547034",
    "CH9300762011623852957",
    "SA0380000000608010167519",
    "AE070331234567890123456",
  ];
  it.each(valid)("accepts %s", (iban) => {
    expect(ibanMod97(iban)).toBe(1);
    expect(checkIban(iban)).toBeNull();
  });
  it("accepts the printed form in groups of four", () => {
    expect(checkIban("GB82 WEST 1234 5698 7654 32")).toBeNull();
  });
  it("rejects a wrong digit, a wrong length and a country without IBANs", () => {
    expect(checkIban("GB82WEST12345698765433")).toMatch(/check digits do not match/);
    expect(checkIban("GB28WEST12345698765432")).toMatch(/check digits do not match/); // swapped check digits
    expect(checkIban("GB82WEST1234569876543")).toMatch(/a GB IBAN has 22 characters, got 21/);
    expect(checkIban("IN82WEST12345698765432")).toMatch(/'IN' is not a country that uses IBANs/);
    expect(checkIban("82GBWEST12345698765432")).toMatch(/country code, 2 check digits/);
  });
});

describe("e-mail", () => {
  it("accepts ordinary addresses and rejects slips", () => {
    expect(checkEmail("priya.sharma@example.co.in")).toBeNull();
    expect(checkEmail("a+tag@sub.example.com")).toBeNull();
    expect(checkEmail("priya.sharma@example")).toMatch(/not a domain/);
    expect(checkEmail("priya sharma@example.com")).toMatch(/before @/);
    expect(checkEmail("priya@@example.com")).toMatch(/exactly one @/);
    expect(checkEmail("@example.com")).toMatch(/exactly one @/);
  });
});
