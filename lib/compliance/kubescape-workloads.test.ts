/**
 * Kubescape's workload, network and admission controls, case by case: each row transcribes a test
 * of kubescape/regolibrary (rules/<rule>/test/<case>) — or, marked so, a case the control's
 * definition or the Pod Security Standards decide — with Kubescape's verdict and ours. A difference
 * must be explained on the control (KubescapeControl.differences, docs/compliance.md).
 */
import { describe, expect, it } from "vitest";
import { WORKLOAD_CASES } from "./cases-workloads";
import { checkCase } from "./testing";

describe("Kubescape workload, network and admission controls, per regolibrary test", () => {
  it.each(WORKLOAD_CASES.map((row) => [`${row.control} ${row.source}`, row] as const))("%s", (_name, row) => {
    expect(checkCase(row)).toBeNull();
  });
});

