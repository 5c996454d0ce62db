// The expectations shared by the app folders: what a round trip and a missing engine print.

/** Checks a round-trip probe result against the backend it should have used. */
export function checkRoundTrip(report, group, label, result, backend) {
  const ok =
    result.ok === true &&
    result.backend === backend &&
    result.perspectives === 1 &&
    result.tensions === 1 &&
    JSON.stringify(result.events) === JSON.stringify(["open", "resolved"]) &&
    result.identical === true &&
    JSON.stringify(result.notFound) ===
      JSON.stringify({ code: "NOT_FOUND", isNotFoundError: true, isStoreError: true, isConflictError: false });
  return report.check(
    group,
    `${label}: opens ${backend} from .blue/config.toml, round-trips a dialogue, and its NOT_FOUND is instanceof the app's NotFoundError`,
    ok,
    JSON.stringify(result),
  );
}

/** Checks that a probe failed with BACKEND_NOT_INSTALLED naming `packageName` and both commands. */
export function checkNotInstalled(report, group, label, result, packageName) {
  const message = String(result.message ?? "");
  const ok =
    result.ok === false &&
    result.code === "BACKEND_NOT_INSTALLED" &&
    result.name === "BackendNotInstalledError" &&
    message.includes(packageName) &&
    message.includes(`pnpm add ${packageName}`) &&
    message.includes(`npm install ${packageName}`);
  return report.check(
    group,
    `${label}: BACKEND_NOT_INSTALLED naming ${packageName} with pnpm and npm commands`,
    ok,
    JSON.stringify(result),
  );
}
