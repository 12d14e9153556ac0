/** Writes docs/compliance.md from lib/compliance (see lib/compliance/doc.ts). */
import { writeFileSync } from "node:fs";
import { complianceDoc } from "../lib/compliance/doc";

writeFileSync(new URL("../docs/compliance.md", import.meta.url), `${complianceDoc()}\n`);
console.log("wrote docs/compliance.md");
