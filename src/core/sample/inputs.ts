/** The sample generator's inputs: names, customers, vendors, processes and agents it draws from. */

export const FIRST_NAMES: Record<"M" | "F", readonly string[]> = {
  M: [
    "Aarav",
    "Vivaan",
    "Aditya",
    "Rohan",
    "Arjun",
    "Sai",
    "Karthik",
    "Rahul",
    "Vikram",
    "Siddharth",
    "Manoj",
    "Suresh",
    "Imran",
    "Joseph",
    "Prakash",
    "Nikhil",
  ],
  F: [
    "Ananya",
    "Diya",
    "Priya",
    "Sneha",
    "Kavya",
    "Meera",
    "Pooja",
    "Lakshmi",
    "Fatima",
    "Neha",
    "Shruti",
    "Divya",
    "Asha",
    "Rekha",
  ],
};

export const LAST_NAMES: readonly string[] = [
  "Sharma",
  "Patil",
  "Kulkarni",
  "Deshmukh",
  "Rao",
  "Reddy",
  "Gowda",
  "Iyer",
  "Nair",
  "Shetty",
  "Joshi",
  "Khan",
  "Fernandes",
  "Hegde",
  "Pawar",
  "Menon",
];

/** Customers with their GST state codes (27 Maharashtra, 29 Karnataka, 07 Delhi, 33 Tamil Nadu, 24 Gujarat). */
export const CUSTOMERS: readonly { name: string; stateCode: string }[] = [
  { name: "Acme Retail Pvt Ltd", stateCode: "27" },
  { name: "Bluewave Logistics LLP", stateCode: "29" },
  { name: "Chitra Textiles", stateCode: "33" },
  { name: "Deccan Foods Ltd", stateCode: "29" },
  { name: "Everest Pharma Ltd", stateCode: "27" },
  { name: "Fortune Motors", stateCode: "07" },
  { name: "Ganga Steel Works", stateCode: "24" },
  { name: "Horizon Insurance Brokers", stateCode: "27" },
  { name: "Indus Healthcare", stateCode: "29" },
  { name: "Jupiter Electronics", stateCode: "07" },
  { name: "Konkan Agro Exports", stateCode: "27" },
  { name: "Lotus Hospitality", stateCode: "33" },
];

export const VENDORS: readonly string[] = [
  "Sharp Office Supplies",
  "CloudNet Telecom",
  "Metro Facility Services",
  "Apex Staffing Solutions",
  "Swift Couriers",
  "Urban Power Utilities",
];

export const IFSC_BANKS: readonly string[] = ["HDFC", "ICIC", "SBIN", "UTIB", "KKBK", "CNRB"];

export const AGENTS: readonly string[] = [
  "Asha K",
  "Bilal M",
  "Chetan R",
  "Deepa S",
  "Farhan A",
  "Geeta P",
  "Harish N",
  "Ishita V",
];

/** Back-office processes with their SLA in working hours. */
export const PROCESSES: readonly { name: string; slaHours: number }[] = [
  { name: "Invoice Processing", slaHours: 8 },
  { name: "Payment Posting", slaHours: 4 },
  { name: "Vendor Onboarding", slaHours: 24 },
  { name: "Payroll Query", slaHours: 16 },
  { name: "Bank Reconciliation", slaHours: 8 },
];
