import { agingBucket, agingLabels } from "../../../src/core/invoice";
import { serialFromYmd as ymd } from "../../../src/core/dates";
import { expectError } from "./helpers";

const due = ymd(2025, 1, 31);

describe("agingBucket", () => {
  it("is Current until the due date, then buckets by days past due (spec)", () => {
    expect(agingBucket(due, due)).toBe("Current");
    expect(agingBucket(due, due - 10)).toBe("Current");
    expect(agingBucket(due, due + 0.99)).toBe("Current"); // same day, later hour
    expect(agingBucket(due, due + 1)).toBe("1-30");
    expect(agingBucket(due, due + 30)).toBe("1-30");
    expect(agingBucket(due, due + 31)).toBe("31-60");
    expect(agingBucket(due, due + 60)).toBe("31-60");
    expect(agingBucket(due, due + 61)).toBe("61-90");
    expect(agingBucket(due, due + 90)).toBe("61-90"); // spec: 90 days past due is 61-90
    expect(agingBucket(due, due + 91)).toBe("90+"); // spec: 91 is 90+
    expect(agingBucket(due, due + 5000)).toBe("90+");
  });

  it("follows custom edges", () => {
    expect(agingLabels([15, 45])).toEqual(["Current", "1-15", "16-45", "45+"]);
    expect(agingBucket(due, due + 15, [15, 45])).toBe("1-15");
    expect(agingBucket(due, due + 16, [15, 45])).toBe("16-45");
    expect(agingBucket(due, due + 46, [15, 45])).toBe("45+");
    expect(agingBucket(due, due + 200, [30, 60, 90, 180])).toBe("180+");
    expect(agingBucket(due, due + 120, [30, 60, 90, 180])).toBe("91-180");
    expect(agingLabels()).toEqual(["Current", "1-30", "31-60", "61-90", "90+"]);
  });

  it("rejects edges that are not positive ascending whole numbers", () => {
    expectError(() => agingBucket(due, due + 5, [30, 20]), "#VALUE!", /^edges: expected ascending days.*20 follows 30/);
    expectError(() => agingBucket(due, due + 5, [0, 30]), "#VALUE!", /^edges: expected positive whole numbers/);
    expectError(() => agingBucket(due, due + 5, [30, 30]), "#VALUE!", /^edges:/);
    expectError(() => agingBucket(due, due + 5, [30.5]), "#VALUE!", /^edges:/);
    expectError(() => agingBucket(due, due + 5, []), "#VALUE!", /^edges:/);
    expectError(() => agingBucket(due, due + 5, ["30"] as unknown as number[]), "#VALUE!", /^edges:/);
  });

  it("rejects dates that are not serials", () => {
    expectError(() => agingBucket(NaN, due), "#VALUE!", /^dueDate:/);
    expectError(() => agingBucket(due, 3e6), "#NUM!", /^asOf:/);
  });
});
