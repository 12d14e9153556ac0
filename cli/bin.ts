/**
 * The process around `main`: exit code, internal errors, and a closed pipe (`clearance scan | head`)
 * ending the output rather than the process with a stack trace. The entry of bin/clearance and of
 * the packaged `clearance` / `kubectl-clearance` commands.
 */
import { installRoot } from "./install";
import { main, type Program } from "./main";

export function run(program: Program = "clearance"): void {
  // where the demo cluster and the dashboard build are found (bin/clearance sets it for a checkout)
  process.env.CLEARANCE_ROOT ||= installRoot();
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2), undefined, program).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`${program}: internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 70;
    },
  );
}
