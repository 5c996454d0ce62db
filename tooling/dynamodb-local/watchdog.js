"use strict";
// Usage: node watchdog.js <parentPid> <javaPid>. Polls once a second; when the parent process is
// gone (e.g. killed with SIGKILL, so its exit handlers never ran) it kills the JVM and exits. It
// also exits as soon as the JVM itself is gone.
const [parentPid, javaPid] = process.argv.slice(2).map(Number);
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
};
setInterval(() => {
  if (!alive(javaPid)) process.exit(0);
  if (!alive(parentPid)) {
    try {
      process.kill(javaPid, "SIGKILL");
    } catch {
      /* already gone */
    }
    process.exit(0);
  }
}, 1000);
