/**
 * Arguments of the repository scripts (gen, bench): node's parseArgs, with --help printing the
 * usage and bad options printing the error and the usage. Returns the values, or the exit code.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

export function scriptArgs<O extends Options>(argv: string[], options: O, usage: string) {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(usage);
    return 0;
  }
  try {
    return parseArgs<{ args: string[]; options: O }>({ args: argv, options }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage}`);
    return 2;
  }
}
