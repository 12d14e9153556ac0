/**
 * `npm run bench -- --live [--size L] [--events N]`: a watched live source on a synthetic cluster
 * served by the stand-in API server (TLS, paginated lists, watches). Measures
 * - the first read (list every kind, build the snapshot) and a scan from scratch, for scale;
 * - for single events of three sorts — a risky ClusterRoleBinding, an opening NetworkPolicy, a new
 *   Pod — the time from the change on the API server to the new snapshot, and to the scan of it
 *   (the findings a refetching page shows), with the CPU the process spent per event: its mean and
 *   median, and the garbage collector's share apart (PerformanceObserver "gc" entries timed within the
 *   event), since on a shared machine where a major GC falls moves a 5-event median more than a change.
 * The browser's share (server-sent event → refetch → render) is measured by e2e/live.spec.ts.
 */
import { scriptArgs } from "../cli-args";
import { scanSnapshot } from "../../lib/findings/scan";
import { generateCluster, isSizeName } from "../../lib/synth";
import type { ClusterSnapshot } from "../../lib/model";
import { startFakeApiServer } from "../../testing/fake-apiserver";
import { writeKubeconfig } from "../../testing/fake-apiserver/kubeconfig";
import { apiClientFor } from "../../server/sources/kubeconfig";
import { LiveWatch } from "../../server/sources/live-watch";
import { PerformanceObserver } from "node:perf_hooks";
import { median } from "./measure";

const USAGE = "usage: npm run bench -- --live [--size S|M|L] [--events N] [--only binding|policy|pod] [--profile FILE.cpuprofile]   (events per sort, default 15; --only: one sort of event; --profile records the CPU of the events only)";

const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
const round = (n: number) => Math.round(n * 10) / 10;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
/** "mean / median" of a series, rounded. */
const meanMedian = (xs: readonly number[]) => `${Math.round(mean(xs))} / ${Math.round(median(xs))}`;

/** The garbage collector's pauses as they are reported (asynchronously): `within(t0, t1)` sums those that started in it. */
function gcPauses(): { within: (t0: number, t1: number) => number; stop: () => void } {
  const pauses: { start: number; ms: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ start: e.startTime, ms: e.duration });
  });
  observer.observe({ entryTypes: ["gc"] });
  return {
    within: (t0, t1) => pauses.reduce((n, p) => (p.start >= t0 && p.start < t1 ? n + p.ms : n), 0),
    stop: () => observer.disconnect(),
  };
}

const SORTS = { binding: "risky ClusterRoleBinding", policy: "opening NetworkPolicy", pod: "new Pod" } as const;
type Sort = (typeof SORTS)[keyof typeof SORTS];

function objectFor(sort: Sort, i: number, ns: string): unknown {
  if (sort === "risky ClusterRoleBinding")
    return {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: `bench-admin-${i}` },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subjects: [{ kind: "ServiceAccount", name: "default", namespace: ns }],
    };
  if (sort === "opening NetworkPolicy")
    return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: `bench-open-${i}`, namespace: ns }, spec: { podSelector: {}, ingress: [{}], policyTypes: ["Ingress"] } };
  return { apiVersion: "v1", kind: "Pod", metadata: { name: `bench-pod-${i}`, namespace: ns, labels: { app: `bench-${i}` } }, spec: { containers: [{ name: "c", image: "nginx:1.27" }] }, status: { phase: "Running", podIP: `10.250.${i >> 8}.${i & 255}` } };
}

/** Starts the V8 profiler (node:inspector); the returned function stops it and writes the profile to `file`. */
async function startProfile(): Promise<(file: string) => Promise<string>> {
  const { Session } = await import("node:inspector/promises");
  const { writeFileSync } = await import("node:fs");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return async (file) => {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    return file;
  };
}

export async function main(argv: string[]): Promise<number> {
  const values = scriptArgs(argv.filter((a) => a !== "--live"), { size: { type: "string", default: "L" }, events: { type: "string", default: "15" }, only: { type: "string" }, profile: { type: "string" } }, USAGE);
  if (typeof values === "number") return values;
  const size = values.size.toUpperCase();
  const events = Number(values.events);
  const only = values.only;
  if (!isSizeName(size) || size === "XL" || !(events >= 1) || (only !== undefined && !(only in SORTS))) {
    console.error(USAGE);
    return 2;
  }
  const objects = [...generateCluster(size)];
  const server = await startFakeApiServer({ objects, token: "bench", bookmarkMs: 60_000 });
  const dir = (await import("node:fs")).mkdtempSync(`${(await import("node:os")).tmpdir()}/clearance-bench-live-`);
  const env = { KUBECONFIG: writeKubeconfig(`${dir}/kubeconfig`, [{ name: "bench", server: server.url, token: "bench", ca: server.ca }]), HOME: dir };
  const watch = new LiveWatch(apiClientFor("bench", env), { env, batchMs: 0 });
  try {
    let t = performance.now();
    const first = await watch.start();
    const firstMs = performance.now() - t;
    t = performance.now();
    const c0 = process.cpuUsage();
    scanSnapshot(first);
    const scratchMs = performance.now() - t;
    const scratchCpu = cpuMs(process.cpuUsage(c0));
    for (const [kind, st] of Object.entries(first.kinds)) if (st.state !== "ok" && st.state !== "not-installed") console.log(`warning: ${kind} ${st.state}: ${st.message ?? ""}`);
    const namespaces = first.namespaces.filter((n) => !n.name.startsWith("kube-")).map((n) => n.name);
    console.log(`live bench on ${size}: ${objects.length} objects (${first.pods.length} pods, ${first.namespaces.length} namespaces); first list+build ${Math.round(firstMs)} ms; scan from scratch ${Math.round(scratchMs)} ms (${Math.round(scratchCpu)} ms CPU)`);

    const profiler = values.profile ? await startProfile() : undefined;
    const gc = gcPauses();
    const rows: string[][] = [];
    const sorts: Sort[] = only ? [SORTS[only as keyof typeof SORTS]] : Object.values(SORTS);
    for (const sort of sorts) {
      const toSnapshot: number[] = [];
      const toScan: number[] = [];
      const cpu: number[] = [];
      const rebuild: number[] = [];
      const windows: [number, number][] = [];
      for (let i = 0; i < events; i++) {
        const next = new Promise<ClusterSnapshot>((resolve) => {
          const off = watch.subscribe((s) => (off(), resolve(s)));
        });
        const c = process.cpuUsage();
        const t0 = performance.now();
        server.apply(objectFor(sort, i, namespaces[(i * 7) % namespaces.length]));
        const s = await next;
        const t1 = performance.now();
        rebuild.push(watch.status().lastBuild?.ms ?? NaN);
        scanSnapshot(s);
        const t2 = performance.now();
        cpu.push(cpuMs(process.cpuUsage(c)));
        toSnapshot.push(t1 - t0);
        toScan.push(t2 - t0);
        windows.push([t0, t2]);
      }
      // the observer hears of the last pauses after a turn of the event loop
      await new Promise((resolve) => setTimeout(resolve, 50));
      const gcMs = windows.map(([t0, t1]) => gc.within(t0, t1));
      const outside = cpu.map((c, i) => c - gcMs[i]);
      rows.push([
        sort,
        String(round(median(rebuild))),
        String(round(median(toSnapshot))),
        String(round(median(toScan))),
        String(round(Math.max(...toScan))),
        meanMedian(cpu),
        meanMedian(gcMs),
        meanMedian(outside),
        `${Math.round((100 * mean(cpu)) / scratchCpu)} %`,
      ]);
      process.stderr.write(".");
    }
    process.stderr.write("\n");
    gc.stop();
    if (profiler && values.profile) console.log(`CPU profile of the events: ${await profiler(values.profile)}`);
    const head = ["event", "rebuild ms", "→ snapshot ms (median)", "→ findings ms (median)", "→ findings ms (max)", "CPU ms / event (mean / median)", "GC pauses ms (mean / median)", "CPU less GC ms (mean / median)", "mean CPU of a scan from scratch"];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i])).join("  "));
    console.log(`${events} events per sort; GC pauses: the collector's pause time within each event (PerformanceObserver "gc"), CPU less GC: the event's CPU without it`);
    console.log(`target: a new risky binding or opening policy on the open dashboard within 2 s of reaching Clearance (the browser adds its refetch: see e2e/live.spec.ts)`);
    return 0;
  } finally {
    await watch.stop();
    await server.close();
  }
}
