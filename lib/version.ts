/** Clearance's version, from package.json: one place for the SARIF driver, the CLI and the API. */
import pkg from "../package.json";

export const VERSION: string = pkg.version;
