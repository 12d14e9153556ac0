/**
 * The first screens a user opens on a large cluster, timed the same way by the e2e suite
 * (e2e/large.spec.ts) and by `npm run bench -- --browser`: overview, network (cluster view, a group,
 * a namespace, a workload), matrix, RBAC opened from a finding, findings. Each timing runs from the
 * navigation to the screen's content being visible, after the snapshot has been read (the source's
 * status is `ready` first, so reading the file is not counted).
 */
import type { Page } from "@playwright/test";

export interface ScreenTiming {
  screen: string;
  ms: number;
  url: string;
}

type Api = <T>(path: string) => Promise<T>;

const DROPPED = /ECONNRESET|socket hang up|ECONNREFUSED|fetch failed/i;

/** An API getter that retries a dropped connection (a busy server closing an idle kept-alive socket), a few times. */
export function retrying(api: Api, tries = 5): Api {
  return async <T>(path: string): Promise<T> => {
    for (let i = 1; ; i++) {
      try {
        return await api<T>(path);
      } catch (e) {
        if (i >= tries || !DROPPED.test(String(e))) throw e;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };
}

async function visible(page: Page, selector: string, timeout: number) {
  await page.locator(selector).first().waitFor({ state: "visible", timeout });
}

/**
 * Waits until the source has been read (the snapshot is cached server-side from then on). While a
 * large file is parsed the server answers late and may drop an idle kept-alive connection: such
 * errors are retried until the deadline.
 */
export async function waitForSource(api: Api, source: string, timeoutMs: number): Promise<number> {
  const t = Date.now();
  for (;;) {
    let s: { state: string; error?: { message: string } };
    try {
      s = await api<{ state: string; error?: { message: string } }>(`/api/c/${source}/status`);
    } catch (e) {
      if (Date.now() - t > timeoutMs || !DROPPED.test(String(e))) throw e;
      await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    if (s.state === "ready") return Date.now() - t;
    if (s.state === "error") throw new Error(`source ${source} could not be read: ${s.error?.message}`);
    if (Date.now() - t > timeoutMs) throw new Error(`source ${source} not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Opens each screen and returns its timing; `shot` (optional) is called after each for a screenshot.
 * `timeout` bounds each screen (a failure names the screen).
 */
export async function largeJourney(page: Page, opts: { base: string; source: string; api: Api; timeout?: number; shot?: (screen: string) => Promise<void> }): Promise<ScreenTiming[]> {
  const { base, source, api } = opts;
  const timeout = opts.timeout ?? 60_000;
  const out: ScreenTiming[] = [];
  const time = async (screen: string, path: string, ready: () => Promise<void>) => {
    const url = `${base}/c/${source}${path}`;
    const t = Date.now();
    await page.goto(url);
    try {
      await ready();
    } catch (e) {
      throw new Error(`${screen} (${url}) not ready: ${(e as Error).message.split("\n")[0]}`);
    }
    out.push({ screen, ms: Date.now() - t, url });
    await opts.shot?.(screen);
  };

  // what to open: the first group, a namespace of it with workloads, one of its workloads, an RBAC finding
  const groups = await api<{ by: string; groups: { id: string; namespaces: string[] }[] }>(`/api/c/${source}/network/groups`);
  const group = groups.groups[0];
  const ns = group.namespaces[0];
  const g = await api<{ nodes: { id: string }[] }>(`/api/c/${source}/network/graph?namespace=${encodeURIComponent(ns)}`);
  const w = g.nodes.find((n) => n.id.startsWith("w:"))!.id.split("/").slice(1).join("/");
  const q = (o: Record<string, string>) => new URLSearchParams(o).toString();

  await time("overview", "", async () => {
    await visible(page, "[data-testid=score]", timeout);
    await visible(page, "[data-testid=namespace-table]", timeout);
  });
  // L's counts run to five characters (15.3K): each must fit its box, not be cut to "15…"
  const cut = await page.locator("[data-testid^=severity-count-] > div:first-child").evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent));
  if (cut.length) throw new Error(`overview: severity counts cut off: ${cut.join(", ")}`);
  await time("network: cluster view", "/network", () => visible(page, "[data-testid=network-graph][data-level=groups] canvas", timeout));
  await time("network: a group", `/network?${q({ tab: "graph", by: groups.by, group: group.id })}`, () => visible(page, "[data-testid=network-graph][data-level=group] canvas", timeout));
  await time("network: a namespace", `/network?${q({ tab: "graph", namespace: ns })}`, () => visible(page, "[data-testid=network-graph][data-level=workload] canvas", timeout));
  // a namespace that nearly every namespace reaches: its peers fold into their groups, not 800 namespaces
  await time("network: a busy namespace", `/network?${q({ tab: "graph", namespace: "kube-system" })}`, () => visible(page, "[data-testid=network-graph][data-level=workload] canvas", timeout));
  await time("network: a workload", `/network?${q({ tab: "graph", namespace: ns, workload: w })}`, () => visible(page, "[data-testid=network-graph][data-level=workload] canvas", timeout));
  await time("network: matrix", "/network?tab=matrix", () => visible(page, "[data-testid=matrix-cell]", timeout));
  await time("findings", "/findings", () => visible(page, "[data-testid=findings-count]", timeout));
  // a broad who-can answer (hundreds of subjects): the table's first drawn, the rest folded by role, a fold opens
  await time("RBAC: who can get pods", `/rbac?${q({ verb: "get", resource: "pods" })}`, async () => {
    await visible(page, "[data-testid=rbac-graph] canvas", timeout);
    await visible(page, "[data-testid=graph-folded]", timeout);
  });
  await page.getByRole("button", { name: "List", exact: true }).click();
  await page.getByTestId("graph-list").getByRole("row").filter({ hasText: /^\+\d+ subjects/ }).first().getByRole("button", { name: "Open" }).click();
  await page.getByTestId("graph-folded").filter({ hasText: "boxes opened" }).waitFor({ state: "visible", timeout });
  const answer = await api<{ rows: { finding?: { id: string } }[] }>(`/api/c/${source}/findings?${q({ area: "rbac", severity: "critical,high", pageSize: "1" })}`);
  const rbac = answer.rows.find((r) => r.finding)?.finding;
  if (rbac) {
    await page.goto(`${base}/c/${source}/findings?${q({ id: rbac.id })}`);
    const link = page.getByTestId("finding-focus-link");
    await link.waitFor({ state: "visible", timeout });
    const t = Date.now();
    await link.click();
    try {
      await visible(page, "[data-testid=rbac-graph] canvas", timeout);
    } catch (e) {
      throw new Error(`RBAC from a finding not ready: ${(e as Error).message.split("\n")[0]}`);
    }
    out.push({ screen: "RBAC from a finding", ms: Date.now() - t, url: page.url() });
    await opts.shot?.("RBAC from a finding");
  }
  return out;
}

export function timingTable(rows: readonly ScreenTiming[]): string {
  const w = Math.max(...rows.map((r) => r.screen.length));
  return rows.map((r) => `${r.screen.padEnd(w)}  ${String(r.ms).padStart(6)} ms`).join("\n");
}
