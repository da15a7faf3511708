/**
 * GST state codes (the first two digits of a GSTIN) with the alphabetic codes in use.
 * Source: GSTN state code list as published on the GST portal and reproduced in e.g.
 * https://gstkanun.in/gst-state-code-list-of-india/ and https://www.caclubindia.com/articles/gst-state-code-list-42281.asp
 * (01-38, 97 Other Territory, 99 Centre Jurisdiction). 26 is Dadra and Nagar Haveli and Daman and Diu since the
 * merger of 26 January 2020 (Act 44 of 2019); Daman and Diu's former code 25 (alpha DD) is read as 26.
 * Alphabetic codes differ between lists (Uttarakhand UK/UT/UA, Odisha OD/OR, Chhattisgarh CG/CT, Bihar BR/BH,
 * Mizoram MZ/MI, Meghalaya ML/ME, Telangana TS/TG): every spelling in use is accepted.
 * 96 (Foreign Country) is the place-of-supply code the e-invoice schema uses for exports.
 */

export interface GstState {
  /** Two-digit code, "27". */
  code: string;
  name: string;
  /** Union territory without legislature: its half of intra-state tax is UTGST rather than SGST. */
  utgst?: boolean;
}

export const GST_STATES: readonly (GstState & { alpha: readonly string[] })[] = [
  { code: "01", name: "Jammu and Kashmir", alpha: ["JK"] },
  { code: "02", name: "Himachal Pradesh", alpha: ["HP"] },
  { code: "03", name: "Punjab", alpha: ["PB"] },
  { code: "04", name: "Chandigarh", alpha: ["CH"], utgst: true },
  { code: "05", name: "Uttarakhand", alpha: ["UK", "UT", "UA"] },
  { code: "06", name: "Haryana", alpha: ["HR"] },
  { code: "07", name: "Delhi", alpha: ["DL"] },
  { code: "08", name: "Rajasthan", alpha: ["RJ"] },
  { code: "09", name: "Uttar Pradesh", alpha: ["UP"] },
  { code: "10", name: "Bihar", alpha: ["BR", "BH"] },
  { code: "11", name: "Sikkim", alpha: ["SK"] },
  { code: "12", name: "Arunachal Pradesh", alpha: ["AR"] },
  { code: "13", name: "Nagaland", alpha: ["NL"] },
  { code: "14", name: "Manipur", alpha: ["MN"] },
  { code: "15", name: "Mizoram", alpha: ["MZ", "MI"] },
  { code: "16", name: "Tripura", alpha: ["TR"] },
  { code: "17", name: "Meghalaya", alpha: ["ML", "ME"] },
  { code: "18", name: "Assam", alpha: ["AS"] },
  { code: "19", name: "West Bengal", alpha: ["WB"] },
  { code: "20", name: "Jharkhand", alpha: ["JH"] },
  { code: "21", name: "Odisha", alpha: ["OD", "OR"] },
  { code: "22", name: "Chhattisgarh", alpha: ["CG", "CT"] },
  { code: "23", name: "Madhya Pradesh", alpha: ["MP"] },
  { code: "24", name: "Gujarat", alpha: ["GJ"] },
  { code: "26", name: "Dadra and Nagar Haveli and Daman and Diu", alpha: ["DN", "DD", "DNHDD"], utgst: true },
  { code: "27", name: "Maharashtra", alpha: ["MH"] },
  { code: "28", name: "Andhra Pradesh (before division)", alpha: [] },
  { code: "29", name: "Karnataka", alpha: ["KA"] },
  { code: "30", name: "Goa", alpha: ["GA"] },
  { code: "31", name: "Lakshadweep", alpha: ["LD"], utgst: true },
  { code: "32", name: "Kerala", alpha: ["KL"] },
  { code: "33", name: "Tamil Nadu", alpha: ["TN"] },
  { code: "34", name: "Puducherry", alpha: ["PY"] },
  { code: "35", name: "Andaman and Nicobar Islands", alpha: ["AN"], utgst: true },
  { code: "36", name: "Telangana", alpha: ["TS", "TG"] },
  { code: "37", name: "Andhra Pradesh", alpha: ["AP", "AD"] },
  { code: "38", name: "Ladakh", alpha: ["LA"], utgst: true },
  { code: "96", name: "Foreign Country", alpha: ["FC"] },
  { code: "97", name: "Other Territory", alpha: ["OT"], utgst: true },
  { code: "99", name: "Centre Jurisdiction", alpha: ["CJ"] },
];

/** Former codes still found on old masters: Daman and Diu (25) merged into 26 on 2020-01-26. */
const FORMER: Record<string, string> = { "25": "26" };

const BY_KEY = new Map<string, GstState>();
for (const s of GST_STATES) {
  const entry: GstState = { code: s.code, name: s.name, ...(s.utgst ? { utgst: true } : {}) };
  BY_KEY.set(s.code, entry);
  BY_KEY.set(String(Number(s.code)), entry);
  for (const a of s.alpha) BY_KEY.set(a, entry);
  BY_KEY.set(nameKey(s.name), entry);
}
for (const [old, now] of Object.entries(FORMER)) BY_KEY.set(old, BY_KEY.get(now)!);
BY_KEY.set(nameKey("Orissa"), BY_KEY.get("21")!);
BY_KEY.set(nameKey("Pondicherry"), BY_KEY.get("34")!);
BY_KEY.set(nameKey("Daman and Diu"), BY_KEY.get("26")!);
BY_KEY.set(nameKey("Dadra and Nagar Haveli"), BY_KEY.get("26")!);

function nameKey(name: string): string {
  return name
    .toUpperCase()
    .replace(/&/g, "AND")
    .replace(/[^A-Z]/g, "");
}

const GSTIN = /^(\d{2})[A-Z]{5}\d{4}[A-Z][0-9A-Z]Z[0-9A-Z]$/;

/**
 * The GST state for a code as users write it: 27, "27", "07", 7, "MH", "mh", "Maharashtra",
 * or a whole GSTIN ("27AAPFU0939F1ZV"). undefined when unknown.
 */
export function gstState(code: string | number): GstState | undefined {
  if (typeof code === "number") return Number.isInteger(code) ? BY_KEY.get(String(code)) : undefined;
  if (typeof code !== "string") return undefined;
  const exact = BY_KEY.get(code);
  if (exact) return exact;
  const t = code.trim().toUpperCase();
  const hit = BY_KEY.get(t);
  if (hit) return hit;
  const g = GSTIN.exec(t);
  if (g) return BY_KEY.get(g[1]);
  if (/^\d+$/.test(t)) return BY_KEY.get(String(Number(t)));
  return BY_KEY.get(nameKey(t));
}
