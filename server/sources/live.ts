import "server-only";
/** Live source — placeholder until the live reader lands (see issue 2). */
import { ClearanceError } from "../../lib/errors";
import type { ClusterSnapshot } from "../../lib/model";

export interface LiveProgress {
  done: number;
  total: number;
  resource?: string;
}

export function currentContext(): string {
  throw new ClearanceError("no_kubeconfig", "no kubeconfig found (KUBECONFIG, ~/.kube/config or in-cluster); pass --snapshot PATH or --demo");
}

export async function loadLive(context: string, _opts: { onProgress?: (p: LiveProgress) => void } = {}): Promise<ClusterSnapshot> {
  throw new ClearanceError("unknown_context", `live clusters are not supported yet (context "${context}")`);
}
