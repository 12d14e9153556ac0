import type { IO } from "../io";

export interface Command {
  name: string;
  help: string;
  /** Returns the exit code. */
  run(argv: string[], io: IO): Promise<number>;
}

/** A command as the top-level usage lists it; its module is loaded only when it runs. */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}
