import { realpath, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { ConfigError } from "@blue/store-core";

/** Why users other than the current one (and root) could change a file. */
export type UntrustedReason = "world-writable" | "group-writable" | "foreign-owner";

/** A file or folder others could change: what it is, and why. */
export interface TrustProblem {
  /** The file or folder at fault (a config file, a module, or the folder holding one). */
  path: string;
  kind: "file" | "folder";
  reason: UntrustedReason;
  /** Its permission bits, e.g. 0o664. */
  mode: number;
  /** Its owner. */
  uid: number;
}

const STICKY = 0o1000;

/** True where POSIX owners and modes mean something (not on Windows). */
function posixPermissions(): boolean {
  return process.platform !== "win32" && typeof process.getuid === "function";
}

async function problemOf(path: string, kind: "file" | "folder", me: number): Promise<TrustProblem | undefined> {
  const info = await stat(path);
  const mode = info.mode & 0o7777;
  const at = { path, kind, mode, uid: info.uid };
  if (info.uid !== me && info.uid !== 0) return { ...at, reason: "foreign-owner" };
  // In a sticky folder (like /tmp) others may create files but not replace or rename ours.
  if (kind === "folder" && mode & STICKY) return undefined;
  if (mode & 0o002) return { ...at, reason: "world-writable" };
  if (mode & 0o020) return { ...at, reason: "group-writable" };
  return undefined;
}

/**
 * What makes `file` changeable by users other than the current one and root, the way OpenSSH
 * (`StrictModes`) and git (`safe.directory`) judge such files: the file — after resolving
 * links — or the folder holding it (or holding the link) is group- or world-writable, or is
 * owned by neither the current user nor root. Undefined when only they can change it, when
 * the file does not exist, and on Windows.
 */
export async function untrustedBecause(file: string): Promise<TrustProblem | undefined> {
  if (!posixPermissions()) return undefined;
  const me = process.getuid!();
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    return undefined;
  }
  const folders = [...new Set([dirname(real), dirname(file)])];
  return (await problemOf(real, "file", me)) ?? (await firstProblem(folders, me));
}

async function firstProblem(folders: string[], me: number): Promise<TrustProblem | undefined> {
  for (const folder of folders) {
    const problem = await problemOf(folder, "folder", me).catch(() => undefined);
    if (problem) return problem;
  }
  return undefined;
}

function explain(p: TrustProblem): { why: string; fix: string } {
  const octal = p.mode.toString(8).padStart(3, "0");
  const it = p.kind === "file" ? "it" : `the folder holding it, ${p.path},`;
  if (p.reason === "foreign-owner") {
    return {
      why: `${it} is owned by uid ${p.uid}, neither you (uid ${process.getuid!()}) nor root`,
      fix: `chown ${process.getuid!()} ${p.path}`,
    };
  }
  return { why: `${it} is ${p.reason} (mode ${octal})`, fix: `chmod go-w ${p.path}` };
}

/**
 * Refuses (ConfigError, code CONFIG) a file other users could change: a config file — which
 * decides what code every command loads — or a custom engine module. `what` names it
 * ("the config file", "the custom backend module"); `details` are added to the error's.
 */
export async function assertTrusted(file: string, what: string, details: Record<string, unknown> = {}): Promise<void> {
  const problem = await untrustedBecause(file);
  if (problem === undefined) return;
  const { why, fix } = explain(problem);
  throw new ConfigError(
    `${file}: refusing to use ${what}: ${why}, so another user could change it, and with it the code Blue Store runs. ` +
      `Only files that you or root own and that only the owner can write are trusted; fix it with \`${fix}\``,
    {
      details: {
        ...details,
        file,
        untrusted: { path: problem.path, kind: problem.kind, reason: problem.reason, mode: problem.mode, uid: problem.uid },
      },
    },
  );
}
