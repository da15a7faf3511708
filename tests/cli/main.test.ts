import { main } from "../../src/cli/main";
import { captureIo as captureIoIn } from "../helpers/cli-io";

const captureIo = () => captureIoIn(process.cwd());

describe("bpo-desk dispatcher", () => {
  it("prints usage and exits 2 with no command, 0 with --help", async () => {
    const io = captureIo();
    expect(await main([], io)).toBe(2);
    expect(io.stdout.join("\n")).toMatch(/bpo-desk reconcile LEFT RIGHT/);
    const io2 = captureIo();
    expect(await main(["--help"], io2)).toBe(0);
  });

  it("rejects an unknown command with exit 2 and names the commands", async () => {
    const io = captureIo();
    expect(await main(["reconcil"], io)).toBe(2);
    expect(io.stderr.join("")).toMatch(/unknown command "reconcil".*demo, fn, reconcile, validate, report/);
  });

  it("rejects unknown options of a sub-command with exit 2 and lists the allowed ones", async () => {
    const io = captureIo();
    expect(await main(["demo", "--bogus"], io)).toBe(2);
    expect(io.stderr.join("")).toMatch(/--out VALUE/);
  });
});
