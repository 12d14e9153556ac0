"use client";
/** The explorer's view, read from and written to the URL (lib/rbac/explorer-url.ts), so links reopen it. */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { readState, writeState, type ExplorerState } from "@/lib/rbac/explorer-url";

export type Update = (patch: Partial<ExplorerState>) => void;

export function useExplorerState(): [ExplorerState, Update] {
  const sp = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const key = sp.toString();
  const state = useMemo(() => readState(new URLSearchParams(key)), [key]);
  const update = useCallback<Update>(
    (patch) => {
      const next = writeState({ ...state, ...patch }).toString();
      router.replace(next ? `${pathname}?${next}` : pathname, { scroll: false });
    },
    [state, router, pathname],
  );
  return [state, update];
}
