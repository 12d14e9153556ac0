import type { IO } from "../io";

export interface Command {
  name: string;
  summary: string;
  help: string;
  /** Returns the exit code. */
  run(argv: string[], io: IO): Promise<number>;
}
