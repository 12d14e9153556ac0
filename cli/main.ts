/**
 * `clearance` — who can do what, who can reach whom, and how exposed a cluster is, from the
 * command line. Exit codes: 0 ok; 1 findings at or above --fail-on; 2 bad input; 3 the cluster could
 * not be read; 4 configuration that cannot be used; 70 a bug — one table, lib/errors.ts.
 * The same commands answer as the kubectl plugin `kubectl clearance`.
 */
import { exitCode, isClearanceError } from "../lib/errors";
import { UsageError } from "./args";
import { COMMANDS } from "./commands";
import { processIO, type IO } from "./io";
import { toolVersion } from "./install";

/** The name the user typed: usage and errors speak it back. */
export type Program = "clearance" | "kubectl clearance";

function usage(program: Program): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: ${program} <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Run "${program} <command> --help" for a command's options, "${program} --version" for the version.`;
}

/** A command's help as the plugin prints it: `kubectl clearance who-can ...`. */
function helpFor(help: string, program: Program): string {
  return program === "clearance" ? help : help.replace(/^(Usage: |\s+)clearance /gm, `$1${program} `);
}

export async function main(argv: string[], io: IO = processIO, program: Program = "clearance"): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(usage(program));
    return name ? 0 : 2;
  }
  if (name === "--version" || name === "version") {
    io.out(toolVersion());
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`${program}: unknown command "${name}"\n\n${usage(program)}`);
    return 2;
  }
  const cmd = await entry.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(helpFor(cmd.help, program));
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || isClearanceError(e)) {
      io.err(`${program} ${name}: ${e.message}`);
      return e instanceof UsageError ? 2 : exitCode(e.code);
    }
    throw e;
  }
}
