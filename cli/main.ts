/**
 * `clearance` — who can do what, who can reach whom, and how exposed a cluster is, from the
 * command line. Exit codes: 0 ok; 1 `scan` found findings at or above --fail-on; 2 bad input.
 */
import { isClearanceError } from "../lib/errors";
import { UsageError } from "./args";
import { diffCommand } from "./commands/diff";
import { fleetCommand } from "./commands/fleet";
import { permissionsCommand } from "./commands/permissions";
import { reachCommand } from "./commands/reach";
import { scanCommand } from "./commands/scan";
import { snapshotCommand } from "./commands/snapshot";
import { fixCommand } from "./commands/fix";
import { whatifCommand } from "./commands/whatif";
import { whoCanCommand } from "./commands/who-can";
import type { Command } from "./commands/types";
import { processIO, type IO } from "./io";

export const COMMANDS: Command[] = [snapshotCommand, scanCommand, diffCommand, whatifCommand, fixCommand, fleetCommand, reachCommand, whoCanCommand, permissionsCommand];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: clearance <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Run "clearance <command> --help" for a command's options.`;
}

export async function main(argv: string[], io: IO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(usage());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(`clearance: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(cmd.help);
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`clearance ${name}: ${e.message}`);
      return 2;
    }
    if (isClearanceError(e)) {
      io.err(`clearance ${name}: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] && /cli[\\/]main\.ts$/.test(process.argv[1])) {
  // `clearance scan | head`: a closed pipe ends the output, not the process with a stack trace.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`clearance: internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 70;
    },
  );
}
