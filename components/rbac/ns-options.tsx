"use client";
/** Namespace <option>s from the snapshot, keeping a value from the URL that the snapshot does not list. */
export function NamespaceOptions({ namespaces, value }: { namespaces?: readonly string[]; value: string }) {
  const all = value && !(namespaces ?? []).includes(value) ? [value, ...(namespaces ?? [])] : (namespaces ?? []);
  return (
    <>
      {all.map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </>
  );
}
