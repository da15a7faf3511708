/** Filesystem failures in words (Node only, like file-io.ts; small, so the CLI's dispatcher can load it). */
import { WorkbookError } from "./port";

/**
 * A filesystem failure as one line that says what to fix, never the raw error code. `doing` is what was
 * attempted ("read", "write", "create the folder for"), `file` the path as the user gave it.
 */
export function fsProblem(e: unknown, doing: string, file: string): WorkbookError {
  const code = (e as NodeJS.ErrnoException)?.code ?? "";
  const fix: Record<string, [string, WorkbookError["code"]]> = {
    ENOENT: [`it does not exist (or a folder on its path does not). Check the path.`, "not-found"],
    ENOTDIR: [`a part of its path is a file, not a folder. Check the path.`, "not-found"],
    EISDIR: [`it is a folder, not a file. Give the path of a file.`, "bad-input"],
    EACCES: [`permission denied. Check the permissions of the file and its folder.`, "unreadable"],
    EPERM: [
      `the system does not allow it (permissions, or a locked or read-only file). Check it, or choose another file.`,
      "unreadable",
    ],
    EEXIST: [`something is in the way (a file where a folder is needed?). Choose another path.`, "bad-input"],
    ENAMETOOLONG: [`the path is too long. Use a shorter name or folder.`, "bad-input"],
    ENOSPC: [`the disk is full. Free some space, or write to another disk.`, "unreadable"],
    EDQUOT: [`the disk quota is used up. Free some space, or write somewhere else.`, "unreadable"],
    EROFS: [`it is on a read-only file system. Write somewhere else.`, "unreadable"],
    ELOOP: [`its path has a loop of symbolic links. Check the links.`, "bad-input"],
    EBUSY: [`it is in use by another program. Close it and run again.`, "unreadable"],
    ETXTBSY: [`it is in use by another program. Close it and run again.`, "unreadable"],
    EMFILE: [`too many files are open. Close some programs and run again.`, "unreadable"],
    ENFILE: [`too many files are open. Close some programs and run again.`, "unreadable"],
    EIO: [`the disk reported an error. Check the disk or the network share.`, "unreadable"],
    EXDEV: [`it could not be moved into place across disks. Write to a folder on the same disk.`, "unreadable"],
    EINVAL: [`it is not a valid path here. Check for characters the file system does not allow.`, "bad-input"],
  };
  const [what, kind] = fix[code] ?? [
    `the system said: ${plainReason(e)}. Check the path and the disk.`,
    "unreadable" as const,
  ];
  const shown = file.length > 100 ? `${file.slice(0, 60)}...${file.slice(-30)}` : file;
  return new WorkbookError(`Cannot ${doing} ${shown}: ${what}`, kind);
}

/** An error's message without an errno prefix ("EBADF: bad file descriptor, open 'x'" -> "bad file descriptor"). */
function plainReason(e: unknown): string {
  return String((e as Error)?.message ?? e)
    .replace(/^[A-Z][A-Z0-9_]+:\s*/, "")
    .replace(/,\s*\w+\s+'[^']*'.*$/, "");
}
