/** The frame of the sign-in and not-authorised pages: product mark, title, body. */
export function AuthCard({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <main className="grid min-h-screen place-items-center px-4 py-12">
      <section data-testid={testId} className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <div className="mb-6 flex items-center gap-2 font-semibold tracking-tight text-slate-900">
          <span aria-hidden className="grid size-7 place-items-center rounded bg-accent text-sm font-bold text-white">
            C
          </span>
          Clearance
        </div>
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        <div className="mt-3 space-y-4 text-sm leading-relaxed text-slate-600">{children}</div>
      </section>
    </main>
  );
}
