/**
 * Constants the cluster view and matrix share with the browser, kept apart from the analysis code so
 * importing them does not pull the engine into the client bundle.
 */

/** Group namespaces by reachability equivalence instead of a label. */
export const BY_REACH = "@reach";

/** The heat scale's steps (upper bounds of the share of pairs connected), shared by the cells and the legend. */
export const HEAT_STEPS = [0.25, 0.5, 0.75, 1] as const;

export function heatStep(h: number): number {
  return HEAT_STEPS.findIndex((s) => h <= s);
}
