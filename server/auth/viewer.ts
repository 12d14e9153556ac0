import "server-only";
/** The viewer of the page being rendered (server components): the same decision as the API guard. */
import { cookies } from "next/headers";
import { authConfig, type AuthConfig } from "./config";
import { decide, type GuardResult } from "./decide";

export interface PageViewer {
  mode: AuthConfig["mode"];
  result: GuardResult;
}

export async function currentViewer(): Promise<PageViewer> {
  const cfg = authConfig();
  const jar = await cookies();
  const all = Object.fromEntries(jar.getAll().map((c) => [c.name, c.value]));
  return { mode: cfg.mode, result: await decide(all, cfg) };
}
