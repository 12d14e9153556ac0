/**
 * Support windows of Kubernetes minor versions and container runtimes, as published upstream.
 * Kept as data so a newer table can be passed in without a code change.
 */

/**
 * End of upstream maintenance per Kubernetes minor (kubernetes.io/releases, "patch releases":
 * each minor is maintained for about 14 months). Versions after the table are assumed supported;
 * versions before it are long out of support. Managed offerings may extend support.
 */
export const KUBERNETES_END_OF_LIFE: Readonly<Record<string, string>> = {
  "1.19": "2021-10-28",
  "1.20": "2022-02-28",
  "1.21": "2022-06-28",
  "1.22": "2022-10-28",
  "1.23": "2023-02-28",
  "1.24": "2023-07-28",
  "1.25": "2023-10-28",
  "1.26": "2024-02-28",
  "1.27": "2024-06-28",
  "1.28": "2024-10-28",
  "1.29": "2025-02-28",
  "1.30": "2025-06-28",
  "1.31": "2025-10-28",
  "1.32": "2026-02-28",
  "1.33": "2026-06-28",
  "1.34": "2026-10-27",
  "1.35": "2027-02-28",
  "1.36": "2027-06-28",
  "1.37": "2027-10-28",
};

/** containerd end of life per minor (containerd/containerd RELEASES.md, "Support horizon"). */
export const CONTAINERD_END_OF_LIFE: Readonly<Record<string, string>> = {
  "1.4": "2022-03-03",
  "1.5": "2023-02-28",
  "1.6": "2025-08-23",
  "1.7": "2026-09-30",
  "2.0": "2025-11-07",
  "2.1": "2026-05-05",
  "2.2": "2026-11-06",
  "2.3": "2028-04-27",
};

export interface Version {
  major: number;
  minor: number;
  patch?: number;
  raw: string;
}

/** Parses `v1.31.4`, `v1.29.3-eks-abc`, `v1.28.5+k3s1`, `1.7.22`. */
export function parseVersion(raw: string | undefined): Version | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(raw ?? "");
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), ...(m[3] !== undefined ? { patch: Number(m[3]) } : {}), raw: raw! };
}

export const minorKey = (v: Version) => `${v.major}.${v.minor}`;

/**
 * The end-of-life date (YYYY-MM-DD) of a version's minor in `table`: its own entry; for a minor
 * older than the table, the table's oldest date; undefined when newer than the table.
 */
export function endOfLife(v: Version, table: Readonly<Record<string, string>>): string | undefined {
  const own = table[minorKey(v)];
  if (own) return own;
  const keys = Object.keys(table)
    .map((k) => parseVersion(k)!)
    .sort((a, b) => a.major - b.major || a.minor - b.minor);
  const oldest = keys[0];
  if (oldest && (v.major < oldest.major || (v.major === oldest.major && v.minor < oldest.minor))) return table[minorKey(oldest)];
  return undefined;
}
